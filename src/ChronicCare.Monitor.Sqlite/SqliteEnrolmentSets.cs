using System.Globalization;
using ChronicCare.Monitor.Analytics.Store;
using Microsoft.Data.Sqlite;

namespace ChronicCare.Monitor.Sqlite;

/// <summary>
/// A batch's enrolment sets (see <see cref="AnalyticsBatch.Enrolments"/>): for each patient the batch states, unless
/// <c>enrolment_sets</c> holds a higher version for that patient, its rows are deleted, the batch's rows inserted and
/// the batch's version recorded; all inside the batch's transaction, so a reader sees the old set or the new one. A
/// tie goes to the later write, as ClickHouse's ReplacingMergeTree resolves it.
/// </summary>
internal static class SqliteEnrolmentSets
{
    public static void Write(SqliteConnection connection, SqliteTransaction tx, AnalyticsBatch batch)
    {
        var patients = batch.EnrolmentSets.Concat(batch.Enrolments.Select(e => e.PatientKey)).ToHashSet(StringComparer.Ordinal);
        if (patients.Count == 0)
        {
            return;
        }

        using var stored = Command(connection, tx, "SELECT version FROM enrolment_sets WHERE patient_key = $key", "$key");
        using var delete = Command(connection, tx, "DELETE FROM enrolments WHERE patient_key = $key", "$key");
        using var record = Command(
            connection,
            tx,
            "INSERT INTO enrolment_sets (patient_key, version) VALUES ($key, $version) ON CONFLICT (patient_key) DO UPDATE SET version = excluded.version",
            "$key",
            "$version");
        record.Parameters["$version"].Value = batch.EnrolmentVersion;
        var stale = new HashSet<string>(StringComparer.Ordinal);
        foreach (var patient in patients)
        {
            stored.Parameters["$key"].Value = patient;
            if (stored.ExecuteScalar() is { } version and not DBNull && Convert.ToInt64(version, CultureInfo.InvariantCulture) > batch.EnrolmentVersion)
            {
                stale.Add(patient);
                continue;
            }

            delete.Parameters["$key"].Value = patient;
            delete.ExecuteNonQuery();
            record.Parameters["$key"].Value = patient;
            record.ExecuteNonQuery();
        }

        SqliteUpserts.Enrolments.Write(connection, tx, stale.Count == 0 ? batch.Enrolments : batch.Enrolments.Where(e => !stale.Contains(e.PatientKey)).ToList());
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction tx, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        return command;
    }
}
