using Microsoft.Data.Sqlite;

namespace ChronicCare.Monitor.Sqlite;

/// <summary>
/// The monthly rollups recomputed from the settlements not reversed: delete the month's rows and insert them again
/// in one transaction, so a refresh is idempotent and a reader never sees a month half done. A reversal written
/// before its settlement counts the same, since the filter is applied here, not when rows arrive.
/// Attributes that are constant per key in real data (a facility's kind, a patient's region) are taken as the
/// largest value, as ClickHouse's <c>max</c> takes them, so both stores agree even on odd data.
/// </summary>
internal static class SqliteRollups
{
    private const string Sums = "sum(total_fen), sum(fund_fen), sum(self_fen), sum(drug_fen), sum(exam_fen), sum(treatment_fen), sum(material_fen)";

    private const string Live = "month = $month AND settlement_id NOT IN (SELECT settlement_id FROM reversals)";

    private static readonly string[] Statements =
    [
        "DELETE FROM facility_month WHERE month = $month",
        "DELETE FROM patient_month WHERE month = $month",
        $"""
        INSERT INTO facility_month (month, facility_id, kind, level, region, settlements, patients, total_fen, fund_fen, self_fen, drug_fen, exam_fen, treatment_fen, material_fen)
        SELECT $month, facility_id, max(facility_kind), max(facility_level), max(facility_region), count(*), count(DISTINCT patient_key), {Sums}
        FROM settlements WHERE {Live}
        GROUP BY facility_id
        """,
        $"""
        INSERT INTO patient_month (month, patient_key, disease_code, facility_level, region, settlements, total_fen, fund_fen, self_fen, drug_fen, exam_fen, treatment_fen, material_fen)
        SELECT $month, patient_key, disease_code, facility_level, max(patient_region), count(*), {Sums}
        FROM settlements WHERE {Live}
        GROUP BY patient_key, disease_code, facility_level
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
