using ChronicCare.Monitor.Analytics;
using System.Globalization;
using ChronicCare.Monitor.Analytics.Store;

namespace ChronicCare.Monitor.ClickHouse.Analytics;

/// <summary>
/// A month's rollups recomputed from the deduplicated settlements not reversed, each table's month built whole in a
/// stage table of its own (a new name per refresh, the target's structure and engine) and then swapped in with
/// <c>ALTER TABLE ... REPLACE PARTITION ... FROM</c> (18.16 has it), which replaces the partition's parts in one step:
/// a reader sees the month as the last refresh left it or as this one leaves it, never empty or half written. Two
/// refreshes at once each swap in a whole month of their own; the later swap stands. A month with no settlements
/// left swaps in an empty partition, which empties the month.
/// </summary>
/// <remarks>
/// A facility's kind, level and region are the <c>facilities</c> table's as it is now (the reference R12 judges in
/// memory too), not what the recorder stamped on each settlement, which says "unknown" when the reference did not
/// know the facility yet and keeps a level that may have changed since. Only a facility the table does not hold falls
/// back to the settlements' values, taken with <c>max</c> as the SQLite store takes them. The join's flag of a
/// matched facility is computed from a column, not a literal: some versions give a literal's value to the rows a
/// LEFT JOIN did not match. A stage table left behind by a refresh that died is dropped by a later refresh once it is
/// a day old.
/// </remarks>
internal static class ClickHouseRollups
{
    private const string StagePrefix = "rollup_stage_";

    private const string StampFormat = "yyyyMMddHHmmss";

    private const string Sums = "sum(total_fen), sum(fund_fen), sum(self_fen), sum(drug_fen), sum(exam_fen), sum(treatment_fen), sum(material_fen)";

    private const string SumColumns = "total_fen, fund_fen, self_fen, drug_fen, exam_fen, treatment_fen, material_fen";

    private static readonly TimeSpan Abandoned = TimeSpan.FromDays(1);

    public static async Task RefreshAsync(ClickHouseCalls calls, string db, string month, CancellationToken ct)
    {
        var (first, last) = Months.Range(month);
        await DropAbandonedStagesAsync(calls, db, ct).ConfigureAwait(false);
        var live = $"""
            FROM {ClickHouseSchema.Table(db, "settlements")} FINAL
            ANY LEFT JOIN
            (
                SELECT facility_id, kind AS f_kind, level AS f_level, region AS f_region, length(facility_id) + 1 AS f_known
                FROM {ClickHouseSchema.Table(db, "facilities")} FINAL
            ) USING facility_id
            WHERE service_date >= {ClickHouseLiteral.Date(first)} AND service_date <= {ClickHouseLiteral.Date(last)}
                AND settlement_id NOT IN (SELECT settlement_id FROM {ClickHouseSchema.Table(db, "reversals")})
            """;
        var facilityMonth = $"""
            (month, facility_id, kind, level, region, settlements, patients, {SumColumns})
            SELECT {ClickHouseLiteral.Date(first)}, facility_id, max(if(f_known > 0, f_kind, facility_kind)), max(if(f_known > 0, f_level, facility_level)),
                max(if(f_known > 0, f_region, facility_region)), count(), uniqExact(patient_key), {Sums}
            {live}
            GROUP BY facility_id
            """;
        var patientMonth = $"""
            (month, patient_key, disease_code, facility_level, region, settlements, {SumColumns})
            SELECT {ClickHouseLiteral.Date(first)}, patient_key, disease_code, if(f_known > 0, f_level, facility_level) AS level_now, max(patient_region), count(), {Sums}
            {live}
            GROUP BY patient_key, disease_code, level_now
            """;

        var refresh = $"{StagePrefix}{DateTime.UtcNow.ToString(StampFormat, CultureInfo.InvariantCulture)}_{Guid.NewGuid():N}_";
        await ReplaceMonthAsync(calls, db, "facility_month", refresh + "facility_month", facilityMonth, first, ct).ConfigureAwait(false);
        await ReplaceMonthAsync(calls, db, "patient_month", refresh + "patient_month", patientMonth, first, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Builds the month in <paramref name="stage"/> and swaps it into <paramref name="table"/>. Every statement is safe
    /// to retry: the stage is created and dropped with IF [NOT] EXISTS, rows inserted twice are equal (FINAL collapses
    /// them), and swapping the same stage in twice leaves the same month.
    /// </summary>
    private static async Task ReplaceMonthAsync(ClickHouseCalls calls, string db, string table, string stage, string insert, DateOnly first, CancellationToken ct)
    {
        var staged = ClickHouseSchema.Table(db, stage);
        try
        {
            await calls.ExecuteAsync($"CREATE TABLE IF NOT EXISTS {staged} AS {ClickHouseSchema.Table(db, table)}", ct).ConfigureAwait(false);
            await calls.ExecuteAsync($"INSERT INTO {staged} {insert}", ct).ConfigureAwait(false);
            await calls.ExecuteAsync($"ALTER TABLE {ClickHouseSchema.Table(db, table)} REPLACE PARTITION {ClickHouseLiteral.YearMonth(first)} FROM {staged}", ct)
                .ConfigureAwait(false);
        }
        catch
        {
            await DropQuietlyAsync(calls, staged).ConfigureAwait(false);
            throw;
        }

        await calls.ExecuteAsync($"DROP TABLE IF EXISTS {staged}", ct).ConfigureAwait(false);
    }

    /// <summary>Drops a stage after a failure; a failure to drop it is left to <see cref="DropAbandonedStagesAsync"/>.</summary>
    private static async Task DropQuietlyAsync(ClickHouseCalls calls, string staged)
    {
        try
        {
            await calls.ExecuteAsync($"DROP TABLE IF EXISTS {staged}", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ClickHouseException or HttpRequestException)
        {
            // The refresh's own failure is the one to report.
        }
    }

    /// <summary>Stage tables of refreshes that began more than a day ago: what a refresh that died left behind.</summary>
    private static async Task DropAbandonedStagesAsync(ClickHouseCalls calls, string db, CancellationToken ct)
    {
        var names = await calls.QueryAsync($"SELECT name FROM system.tables WHERE database = {ClickHouseLiteral.String(db)}", r => r.Str("name"), ct)
            .ConfigureAwait(false);
        var before = DateTime.UtcNow - Abandoned;
        foreach (var name in names)
        {
            if (name.StartsWith(StagePrefix, StringComparison.Ordinal)
                && name.Length > StagePrefix.Length + StampFormat.Length
                && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
                && DateTime.TryParseExact(name.AsSpan(StagePrefix.Length, StampFormat.Length), StampFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var began)
                && began < before)
            {
                await calls.ExecuteAsync($"DROP TABLE IF EXISTS {ClickHouseSchema.Table(db, name)}", ct).ConfigureAwait(false);
            }
        }
    }
}
