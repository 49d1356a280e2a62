using Microsoft.Data.Sqlite;

namespace ChronicCare.Monitor.Sqlite;

/// <summary>
/// The monthly rollups recomputed from the settlements not reversed: delete the month's rows and insert them again
/// in one transaction, so a refresh is idempotent and a reader never sees a month half done. A reversal written
/// before its settlement counts the same, since the filter is applied here, not when rows arrive.
/// A facility's kind, level and region are the <c>facilities</c> table's as it is now (what R12 judges in memory
/// too), not what the recorder stamped on each settlement: a settlement recorded before the reference knew its
/// facility says "unknown", and a facility's level may have changed since. Only a facility the table does not hold
/// falls back to the settlements' values. Attributes that are constant per key in real data (the fallback, a
/// patient's region) are taken as the largest value, as ClickHouse's <c>max</c> takes them, so both stores agree even
/// on odd data.
/// </summary>
internal static class SqliteRollups
{
    private const string Sums = "sum(s.total_fen), sum(s.fund_fen), sum(s.self_fen), sum(s.drug_fen), sum(s.exam_fen), sum(s.treatment_fen), sum(s.material_fen)";

    /// <summary>The month's settlements not reversed, each beside its facility's row (nulls when the table lacks it).</summary>
    private const string Live = """
        FROM settlements AS s LEFT JOIN facilities AS f ON f.facility_id = s.facility_id
        WHERE s.month = $month AND s.settlement_id NOT IN (SELECT settlement_id FROM reversals)
        """;

    private const string Level = "coalesce(f.level, s.facility_level)";

    private static readonly string[] Statements =
    [
        "DELETE FROM facility_month WHERE month = $month",
        "DELETE FROM patient_month WHERE month = $month",
        $"""
        INSERT INTO facility_month (month, facility_id, kind, level, region, settlements, patients, total_fen, fund_fen, self_fen, drug_fen, exam_fen, treatment_fen, material_fen)
        SELECT $month, s.facility_id, max(coalesce(f.kind, s.facility_kind)), max({Level}), max(coalesce(f.region, s.facility_region)),
            count(*), count(DISTINCT s.patient_key), {Sums}
        {Live}
        GROUP BY s.facility_id
        """,
        $"""
        INSERT INTO patient_month (month, patient_key, disease_code, facility_level, region, settlements, total_fen, fund_fen, self_fen, drug_fen, exam_fen, treatment_fen, material_fen)
        SELECT $month, s.patient_key, s.disease_code, {Level}, max(s.patient_region), count(*), {Sums}
        {Live}
        GROUP BY s.patient_key, s.disease_code, {Level}
        """,
    ];

    public static void Refresh(SqliteConnection connection, string month)
    {
        using var tx = connection.BeginTransaction(deferred: false);
        foreach (var sql in Statements)
        {
            using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = sql;
            command.Parameters.AddWithValue("$month", month);
            command.ExecuteNonQuery();
        }

        tx.Commit();
    }
}
