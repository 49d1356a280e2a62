namespace ChronicCare.Monitor.ClickHouse.Analytics;

/// <summary>One idempotent statement of a migration: running it when its effect is already there changes nothing.</summary>
internal abstract record ClickHouseMigrationStep
{
    public abstract Task RunAsync(ClickHouseCalls calls, CancellationToken ct);
}

/// <summary>A statement that is idempotent as written (<c>CREATE ... IF NOT EXISTS</c>).</summary>
internal sealed record SqlStep(string Sql) : ClickHouseMigrationStep
{
    public override Task RunAsync(ClickHouseCalls calls, CancellationToken ct) => calls.ExecuteAsync(Sql, ct);
}

/// <summary>
/// A column added to an existing table. 18.16 has no <c>ADD COLUMN IF NOT EXISTS</c>, so the step asks
/// <c>system.columns</c> first, and when the ALTER fails it asks again: a column that is there now was added by a
/// migrator running at the same time, which is success.
/// </summary>
internal sealed record AddColumnStep(string Database, string Table, string Column, string Definition) : ClickHouseMigrationStep
{
    public override async Task RunAsync(ClickHouseCalls calls, CancellationToken ct)
    {
        if (await ExistsAsync(calls, ct).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            await calls.ExecuteAsync($"ALTER TABLE {ClickHouseSchema.Table(Database, Table)} ADD COLUMN {Column} {Definition}", ct).ConfigureAwait(false);
        }
        catch (ClickHouseException)
        {
            if (!await ExistsAsync(calls, ct).ConfigureAwait(false))
            {
                throw;
            }
        }
    }

    private async Task<bool> ExistsAsync(ClickHouseCalls calls, CancellationToken ct)
    {
        var sql = $"SELECT count() AS n FROM system.columns WHERE database = {ClickHouseLiteral.String(Database)} "
            + $"AND table = {ClickHouseLiteral.String(Table)} AND name = {ClickHouseLiteral.String(Column)}";
        var rows = await calls.QueryAsync(sql, r => r.Long("n"), ct).ConfigureAwait(false);
        return rows.Count > 0 && rows[0] > 0;
    }
}
