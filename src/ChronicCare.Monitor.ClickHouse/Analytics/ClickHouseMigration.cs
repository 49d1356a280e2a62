namespace ChronicCare.Monitor.ClickHouse.Analytics;

/// <summary>
/// A migration: its id (<c>NNNN_name</c>, ordinal order is apply order) and its steps, run in order. It is recorded in
/// <c>schema_migrations</c> only after every step has run, so one cut short runs again, whole, next time.
/// </summary>
internal sealed record ClickHouseMigration(string Id, IReadOnlyList<ClickHouseMigrationStep> Steps);
