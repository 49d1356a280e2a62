using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ChronicCare.Monitor.Sqlite;

/// <summary>
/// The SQLite schema as ordered migrations, and how they are applied. Each runs in a <c>BEGIN IMMEDIATE</c>
/// transaction that first checks <c>schema_migrations</c>: a second process migrating the same file waits for the
/// first one's write lock and then finds the migration recorded, so migrating twice or from two processes is
/// harmless. Statements say <c>IF NOT EXISTS</c> as well, for a file whose tables predate the record.
/// Dates are <c>yyyy-MM-dd</c> text and instants round-trip text (see <see cref="Analytics.Store.StoreText"/>), so
/// text order is time order; money is INTEGER fen.
/// </summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<SqliteMigration> All { get; } =
    [
        new("0001_alerts", """
            CREATE TABLE IF NOT EXISTS alerts (
                alert_id TEXT NOT NULL PRIMARY KEY,
                rule TEXT NOT NULL,
                status TEXT NOT NULL,
                severity TEXT NOT NULL,
                patient_id TEXT,
                settlement_id TEXT,
                facility_id TEXT,
                period TEXT,
                event_time TEXT NOT NULL,
                event_utc_ms INTEGER,
                event_month TEXT NOT NULL,
                detected_at TEXT NOT NULL,
                score REAL,
                evidence TEXT NOT NULL,
                message_zh TEXT NOT NULL,
                message_en TEXT NOT NULL,
                version INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS alerts_by_event_month ON alerts (event_month);
            CREATE INDEX IF NOT EXISTS alerts_by_period ON alerts (period, rule);
            """),
        new("0002_actions", """
            CREATE TABLE IF NOT EXISTS actions (
                action_id TEXT NOT NULL PRIMARY KEY,
                patient_id TEXT NOT NULL,
                action TEXT NOT NULL,
                effective_from TEXT NOT NULL,
                effective_month TEXT NOT NULL,
                effective_until TEXT,
                reason_rule TEXT NOT NULL,
                alert_ids TEXT NOT NULL,
                automatic INTEGER NOT NULL,
                decided_by TEXT,
                revokes TEXT,
                decided_at TEXT NOT NULL,
                version INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS actions_by_effective_month ON actions (effective_month);
            """),
        new("0003_decisions", """
            CREATE TABLE IF NOT EXISTS decisions (
                decision_id TEXT NOT NULL PRIMARY KEY,
                patient_id TEXT NOT NULL,
                verdict TEXT NOT NULL,
                alert_id TEXT,
                rule TEXT,
                incident_date TEXT,
                action_id TEXT,
                finding TEXT NOT NULL,
                decided_by TEXT NOT NULL,
                decided_at TEXT NOT NULL,
                decided_ticks INTEGER NOT NULL,
                note TEXT,
                version INTEGER NOT NULL);
            """),
        new("0004_settlements", """
            CREATE TABLE IF NOT EXISTS settlements (
                settlement_id TEXT NOT NULL PRIMARY KEY,
                patient_key TEXT NOT NULL,
                patient_region TEXT NOT NULL,
                settled_at TEXT NOT NULL,
                service_date TEXT NOT NULL,
                month TEXT NOT NULL,
                facility_id TEXT NOT NULL,
                facility_kind TEXT NOT NULL,
                facility_level INTEGER NOT NULL,
                facility_region TEXT NOT NULL,
                disease_code TEXT NOT NULL,
                long_prescription INTEGER NOT NULL,
                total_fen INTEGER NOT NULL,
                fund_fen INTEGER NOT NULL,
                self_fen INTEGER NOT NULL,
                drug_fen INTEGER NOT NULL,
                exam_fen INTEGER NOT NULL,
                treatment_fen INTEGER NOT NULL,
                material_fen INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS settlements_by_month ON settlements (month);
            CREATE TABLE IF NOT EXISTS settlement_lines (
                settlement_id TEXT NOT NULL,
                line_no INTEGER NOT NULL,
                item_type TEXT NOT NULL,
                item_code TEXT NOT NULL,
                quantity REAL NOT NULL,
                amount_fen INTEGER NOT NULL,
                days_supply INTEGER,
                PRIMARY KEY (settlement_id, line_no));
            CREATE TABLE IF NOT EXISTS reversals (
                settlement_id TEXT NOT NULL PRIMARY KEY,
                reversed_at TEXT NOT NULL);
            """),
        new("0005_reference", """
            CREATE TABLE IF NOT EXISTS stays (
                stay_id TEXT NOT NULL PRIMARY KEY,
                patient_key TEXT NOT NULL,
                facility_id TEXT,
                admitted_on TEXT,
                discharged_on TEXT);
            CREATE INDEX IF NOT EXISTS stays_by_admission ON stays (admitted_on);
            CREATE TABLE IF NOT EXISTS enrolments (
                patient_key TEXT NOT NULL,
                disease_code TEXT NOT NULL,
                region TEXT NOT NULL,
                insurance TEXT NOT NULL,
                benefit_start TEXT NOT NULL,
                valid_until TEXT NOT NULL,
                PRIMARY KEY (patient_key, disease_code));
            CREATE TABLE IF NOT EXISTS diseases (
                disease_code TEXT NOT NULL PRIMARY KEY,
                name TEXT NOT NULL,
                monthly_quota_fen INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS facilities (
                facility_id TEXT NOT NULL PRIMARY KEY,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                level INTEGER NOT NULL,
                region TEXT NOT NULL);
            """),
        new("0006_rollups", """
            CREATE TABLE IF NOT EXISTS facility_month (
                month TEXT NOT NULL,
                facility_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                level INTEGER NOT NULL,
                region TEXT NOT NULL,
                settlements INTEGER NOT NULL,
                patients INTEGER NOT NULL,
                total_fen INTEGER NOT NULL,
                fund_fen INTEGER NOT NULL,
                self_fen INTEGER NOT NULL,
                drug_fen INTEGER NOT NULL,
                exam_fen INTEGER NOT NULL,
                treatment_fen INTEGER NOT NULL,
                material_fen INTEGER NOT NULL,
                PRIMARY KEY (month, facility_id));
            CREATE TABLE IF NOT EXISTS patient_month (
                month TEXT NOT NULL,
                patient_key TEXT NOT NULL,
                disease_code TEXT NOT NULL,
                facility_level INTEGER NOT NULL,
                region TEXT NOT NULL,
                settlements INTEGER NOT NULL,
                total_fen INTEGER NOT NULL,
                fund_fen INTEGER NOT NULL,
                self_fen INTEGER NOT NULL,
                drug_fen INTEGER NOT NULL,
                exam_fen INTEGER NOT NULL,
                treatment_fen INTEGER NOT NULL,
                material_fen INTEGER NOT NULL,
                PRIMARY KEY (month, patient_key, disease_code, facility_level));
            """),

        // A batch states each patient's whole enrolment set (AnalyticsBatch.Enrolments); the version of the batch
        // whose set stands, so an older batch written again cannot bring back a disease a later set dropped. A patient
        // without a row here (rows written before this migration) has no version yet: any set replaces its rows.
        new("0007_enrolment_sets", """
            CREATE TABLE IF NOT EXISTS enrolment_sets (
                patient_key TEXT NOT NULL PRIMARY KEY,
                version INTEGER NOT NULL);
            """),
    ];

    /// <summary>Applies the migrations not yet recorded, in order, each in its own write transaction.</summary>
    public static void Apply(SqliteConnection connection, CancellationToken ct)
    {
        Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)");
        foreach (var migration in All)
        {
            ct.ThrowIfCancellationRequested();

            // Not deferred: BEGIN IMMEDIATE takes the write lock before the check, so two migrators cannot both see
            // a migration missing; the second waits (busy timeout) and then finds it recorded.
            using var tx = connection.BeginTransaction(deferred: false);
            if (!IsApplied(connection, tx, migration.Id))
            {
                Execute(connection, tx, migration.Sql);
                using var record = connection.CreateCommand();
                record.Transaction = tx;
                record.CommandText = "INSERT INTO schema_migrations (id, applied_at) VALUES ($id, $at)";
                record.Parameters.AddWithValue("$id", migration.Id);
                record.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture));
                record.ExecuteNonQuery();
            }

            tx.Commit();
        }
    }

    /// <summary>The recorded ids in order; none before the first migration.</summary>
    public static IReadOnlyList<string> Applied(SqliteConnection connection)
    {
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
        if (Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            return [];
        }

        using var select = connection.CreateCommand();
        select.CommandText = "SELECT id FROM schema_migrations ORDER BY id";
        using var reader = select.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static bool IsApplied(SqliteConnection connection, SqliteTransaction tx, string id)
    {
        using var check = connection.CreateCommand();
        check.Transaction = tx;
        check.CommandText = "SELECT count(*) FROM schema_migrations WHERE id = $id";
        check.Parameters.AddWithValue("$id", id);
        return Convert.ToInt64(check.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
