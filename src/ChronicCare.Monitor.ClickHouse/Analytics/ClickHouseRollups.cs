using ChronicCare.Monitor.Analytics.Store;

namespace ChronicCare.Monitor.ClickHouse.Analytics;

/// <summary>
/// A month's rollups recomputed: drop the month's partition, then insert it again from the deduplicated settlements
/// not reversed (both forms run on 18.16). Not atomic, unlike SQLite's transaction: a reader in between sees the
/// month empty, and two refreshes at once may insert the month twice, which the rollups' ReplacingMergeTree and the
/// FINAL of every read collapse, the rows being equal. Constant-per-key attributes are taken with <c>max</c>, as the
/// SQLite store takes them.
/// </summary>
internal static class ClickHouseRollups
{
    private const string Sums = "sum(total_fen), sum(fund_fen), sum(self_fen), sum(drug_fen), sum(exam_fen), sum(treatment_fen), sum(material_fen)";

    private const string SumColumns = "total_fen, fund_fen, self_fen, drug_fen, exam_fen, treatment_fen, material_fen";

    public static async Task RefreshAsync(ClickHouseCalls calls, string db, string month, CancellationToken ct)
    {
        var (first, last) = StoreText.MonthRange(month);
        var live = $"""
            FROM {ClickHouseSchema.Table(db, "settlements")} FINAL
            WHERE service_date >= {ClickHouseLiteral.Date(first)} AND service_date <= {ClickHouseLiteral.Date(last)}
                AND settlement_id NOT IN (SELECT settlement_id FROM {ClickHouseSchema.Table(db, "reversals")})
            """;
        string[] statements =
        [
            $"ALTER TABLE {ClickHouseSchema.Table(db, "facility_month")} DROP PARTITION {ClickHouseLiteral.YearMonth(first)}",
            $"ALTER TABLE {ClickHouseSchema.Table(db, "patient_month")} DROP PARTITION {ClickHouseLiteral.YearMonth(first)}",
            $"""
            INSERT INTO {ClickHouseSchema.Table(db, "facility_month")} (month, facility_id, kind, level, region, settlements, patients, {SumColumns})
            SELECT {ClickHouseLiteral.Date(first)}, facility_id, max(facility_kind), max(facility_level), max(facility_region), count(), uniqExact(patient_key), {Sums}
            {live}
            GROUP BY facility_id
            """,
            $"""
            INSERT INTO {ClickHouseSchema.Table(db, "patient_month")} (month, patient_key, disease_code, facility_level, region, settlements, {SumColumns})
            SELECT {ClickHouseLiteral.Date(first)}, patient_key, disease_code, facility_level, max(patient_region), count(), {Sums}
            {live}
            GROUP BY patient_key, disease_code, facility_level
            """,
        ];
        foreach (var sql in statements)
        {
            await calls.ExecuteAsync(sql, ct).ConfigureAwait(false);
        }
    }
}
