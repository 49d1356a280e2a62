namespace ChronicCare.Monitor.Sqlite;

/// <summary>
/// One schema step: its id (<c>NNNN_name</c>, so ordinal order is apply order) and its SQL, run in one transaction
/// with the row that records it, so a migration is either wholly applied and recorded or not at all.
/// </summary>
internal sealed record SqliteMigration(string Id, string Sql);
