using ChronicCare.Monitor.Analytics.Store;
using Microsoft.Data.Sqlite;

namespace ChronicCare.Monitor.Sqlite;

/// <summary>
/// One <see cref="AnalyticsBatch"/> in one transaction: each table's rows through one prepared command (enrolments as
/// per-patient sets, <see cref="SqliteEnrolmentSets"/>). A failure rolls the whole batch back, so a retry of the batch
/// starts from where the store was.
/// </summary>
internal static class SqliteBatchWriter
{
    public static void Write(SqliteConnection connection, AnalyticsBatch batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        using var tx = connection.BeginTransaction(deferred: false);
        SqliteUpserts.Settlements.Write(connection, tx, batch.Settlements);
        SqliteUpserts.Lines.Write(connection, tx, batch.Lines);
        SqliteUpserts.Reversals.Write(connection, tx, batch.Reversals);
        SqliteUpserts.Stays.Write(connection, tx, batch.Stays);
        SqliteEnrolmentSets.Write(connection, tx, batch);
        SqliteUpserts.Diseases.Write(connection, tx, batch.Diseases);
        SqliteUpserts.Facilities.Write(connection, tx, batch.Facilities);
        SqliteUpserts.Alerts.Write(connection, tx, batch.Alerts);
        SqliteUpserts.Actions.Write(connection, tx, batch.Actions);
        SqliteUpserts.Decisions.Write(connection, tx, batch.Decisions);
        tx.Commit();
    }
}
