namespace ChronicCare.Monitor.ClickHouse.Analytics;

/// <summary>
/// The analytics schema as ordered migrations, in SQL that Debian's ClickHouse 18.16 and a current one both run: no
/// DateTime64, LowCardinality, query parameters or <c>ADD COLUMN IF NOT EXISTS</c>. The first two are the
/// <see cref="ClickHouseSchema"/> tables exactly as the streaming writer (<see cref="ClickHouseOutput"/>) creates and
/// fills them; later ones add what the store needs to give records back exactly, and the other tables.
/// </summary>
/// <remarks>
/// Versioned records (alerts, actions, decisions) are <c>ReplacingMergeTree(version)</c>: the higher version wins, a
/// tie the later insert, as the SQLite store's upsert resolves them. Rows that are immutable per key (settlements,
/// lines, reversals, stays, reference rows, rollups) are <c>ReplacingMergeTree()</c> without a version: the later
/// insert wins, as <c>INSERT OR REPLACE</c> does. Reads deduplicate with <c>FINAL</c>, which on 18.16 also collapses a
/// key whose rows sit in two partitions, so every sorting key is the whole key, month included for the rollups.
/// Concurrent migrators are harmless: every step is idempotent and an id recorded twice reads once.
/// </remarks>
internal static class ClickHouseMigrations
{
    public const string Table = "schema_migrations";

    /// <summary>What must exist before the migrations can be read: the database and the record of applied ids.</summary>
    public static IReadOnlyList<string> Bootstrap(string db) =>
    [
        $"CREATE DATABASE IF NOT EXISTS {db}",
        $"CREATE TABLE IF NOT EXISTS {ClickHouseSchema.Table(db, Table)} (id String, applied_at DateTime('UTC')) ENGINE = ReplacingMergeTree() ORDER BY id",
    ];

    public static IReadOnlyList<ClickHouseMigration> All(string db) =>
    [
        new("0001_alerts", [new SqlStep(StreamingTable(db, ClickHouseSchema.Alerts))]),
        new("0002_actions", [new SqlStep(StreamingTable(db, ClickHouseSchema.Actions))]),

        // The streaming tables hold instants in whole UTC seconds; a record also keeps its own text (ticks and
        // offset) and the month of its time in its own offset, and its score as round-trip text (18.16 parses a
        // JSON number with 17 digits to a neighbouring double). Rows the streaming writer adds leave them empty, and
        // reads fall back to the plain columns.
        new("0003_record_texts",
        [
            new AddColumnStep(db, ClickHouseSchema.Alerts, "event_time_text", "String DEFAULT ''"),
            new AddColumnStep(db, ClickHouseSchema.Alerts, "event_month", "String DEFAULT ''"),
            new AddColumnStep(db, ClickHouseSchema.Alerts, "detected_at_text", "String DEFAULT ''"),
            new AddColumnStep(db, ClickHouseSchema.Alerts, "score_text", "String DEFAULT ''"),
            new AddColumnStep(db, ClickHouseSchema.Actions, "effective_from_text", "String DEFAULT ''"),
            new AddColumnStep(db, ClickHouseSchema.Actions, "effective_until_text", "String DEFAULT ''"),
            new AddColumnStep(db, ClickHouseSchema.Actions, "effective_month", "String DEFAULT ''"),
            new AddColumnStep(db, ClickHouseSchema.Actions, "decided_at_text", "String DEFAULT ''"),
        ]),
        new("0004_decisions",
        [
            new SqlStep($"""
                CREATE TABLE IF NOT EXISTS {ClickHouseSchema.Table(db, "decisions")}
                (
                    decision_id String,
                    patient_id String,
                    verdict String,
                    alert_id Nullable(String),
                    rule Nullable(String),
                    incident_date Nullable(Date),
                    action_id Nullable(String),
                    finding String,
                    decided_by String,
                    decided_at DateTime('UTC'),
                    decided_at_text String,
                    decided_ticks Int64,
                    note Nullable(String),
                    version UInt64
                )
                ENGINE = ReplacingMergeTree(version)
                ORDER BY decision_id
                """),
        ]),
        new("0005_settlements",
        [
            new SqlStep($"""
                CREATE TABLE IF NOT EXISTS {ClickHouseSchema.Table(db, "settlements")}
                (
                    settlement_id String,
                    patient_key String,
                    patient_region String,
                    settled_at DateTime('UTC'),
                    service_date Date,
                    facility_id String,
                    facility_kind String,
                    facility_level Int32,
                    facility_region String,
                    disease_code String,
                    long_prescription UInt8,
                    total_fen Int64,
                    fund_fen Int64,
                    self_fen Int64,
                    drug_fen Int64,
                    exam_fen Int64,
                    treatment_fen Int64,
                    material_fen Int64
                )
                ENGINE = ReplacingMergeTree()
                PARTITION BY toYYYYMM(service_date)
                ORDER BY settlement_id
                """),
            new SqlStep($"""
                CREATE TABLE IF NOT EXISTS {ClickHouseSchema.Table(db, "settlement_lines")}
                (
                    settlement_id String,
                    line_no Int32,
                    item_type String,
                    item_code String,
                    quantity Float64,
                    amount_fen Int64,
                    days_supply Nullable(Int32)
                )
                ENGINE = ReplacingMergeTree()
                ORDER BY (settlement_id, line_no)
                """),
            new SqlStep($"""
                CREATE TABLE IF NOT EXISTS {ClickHouseSchema.Table(db, "reversals")}
                (
                    settlement_id String,
                    reversed_at DateTime('UTC')
                )
                ENGINE = ReplacingMergeTree()
                ORDER BY settlement_id
                """),
        ]),
        new("0006_reference",
        [
            // A stay's admission (kind 1) and discharge (kind 2) are separate rows, merged when read: a
            // ReplacingMergeTree keeps whole rows, so it cannot fill in one row's missing date from another.
            new SqlStep($"""
                CREATE TABLE IF NOT EXISTS {ClickHouseSchema.Table(db, "stays")}
                (
                    stay_id String,
                    kind UInt8,
                    patient_key String,
                    facility_id Nullable(String),
                    admitted_on Nullable(Date),
                    discharged_on Nullable(Date)
                )
                ENGINE = ReplacingMergeTree()
                ORDER BY (stay_id, kind)
                """),
            new SqlStep($"""
                CREATE TABLE IF NOT EXISTS {ClickHouseSchema.Table(db, "enrolments")}
                (
                    patient_key String,
                    disease_code String,
                    region String,
                    insurance String,
                    benefit_start Date,
                    valid_until Date
                )
                ENGINE = ReplacingMergeTree()
                ORDER BY (patient_key, disease_code)
                """),
            new SqlStep($"""
                CREATE TABLE IF NOT EXISTS {ClickHouseSchema.Table(db, "diseases")}
                (
                    disease_code String,
                    name String,
                    monthly_quota_fen Int64
                )
                ENGINE = ReplacingMergeTree()
                ORDER BY disease_code
                """),
            new SqlStep($"""
                CREATE TABLE IF NOT EXISTS {ClickHouseSchema.Table(db, "facilities")}
                (
                    facility_id String,
                    name String,
                    kind String,
                    level Int32,
                    region String
                )
                ENGINE = ReplacingMergeTree()
                ORDER BY facility_id
                """),
        ]),

        // Partitioned by month so a refresh replaces the month's partition whole (ClickHouseRollups).
        new("0007_rollups",
        [
            new SqlStep($"""
                CREATE TABLE IF NOT EXISTS {ClickHouseSchema.Table(db, "facility_month")}
                (
                    month Date,
                    facility_id String,
                    kind String,
                    level Int32,
                    region String,
                    settlements Int64,
                    patients Int64,
                    total_fen Int64,
                    fund_fen Int64,
                    self_fen Int64,
                    drug_fen Int64,
                    exam_fen Int64,
                    treatment_fen Int64,
                    material_fen Int64
                )
                ENGINE = ReplacingMergeTree()
                PARTITION BY toYYYYMM(month)
                ORDER BY (month, facility_id)
                """),
            new SqlStep($"""
                CREATE TABLE IF NOT EXISTS {ClickHouseSchema.Table(db, "patient_month")}
                (
                    month Date,
                    patient_key String,
                    disease_code String,
                    facility_level Int32,
                    region String,
                    settlements Int64,
                    total_fen Int64,
                    fund_fen Int64,
                    self_fen Int64,
                    drug_fen Int64,
                    exam_fen Int64,
                    treatment_fen Int64,
                    material_fen Int64
                )
                ENGINE = ReplacingMergeTree()
                PARTITION BY toYYYYMM(month)
                ORDER BY (month, patient_key, disease_code, facility_level)
                """),
        ]),

        // A batch states each patient's whole enrolment set (AnalyticsBatch.Enrolments): one row per patient and
        // batch, its diseases as parallel arrays, the highest version standing. A row per (patient, disease), as
        // 0006's enrolments table has, could not lose a disease a later set drops. The rows 0006's table holds are
        // copied as version 0, which any set written since outranks; the copy is idempotent (a second copy adds
        // equal rows, which FINAL collapses). That table is no longer written or read.
        new("0008_enrolment_sets",
        [
            new SqlStep($"""
                CREATE TABLE IF NOT EXISTS {ClickHouseSchema.Table(db, "enrolment_sets")}
                (
                    patient_key String,
                    version UInt64,
                    disease_codes Array(String),
                    regions Array(String),
                    insurances Array(String),
                    benefit_starts Array(Date),
                    valid_untils Array(Date)
                )
                ENGINE = ReplacingMergeTree(version)
                ORDER BY patient_key
                """),
            new SqlStep($"""
                INSERT INTO {ClickHouseSchema.Table(db, "enrolment_sets")} (patient_key, version, disease_codes, regions, insurances, benefit_starts, valid_untils)
                SELECT patient_key, toUInt64(0), arrayMap(e -> e.1, diseases), arrayMap(e -> e.2, diseases), arrayMap(e -> e.3, diseases),
                    arrayMap(e -> e.4, diseases), arrayMap(e -> e.5, diseases)
                FROM
                (
                    SELECT patient_key, groupArray((disease_code, region, insurance, benefit_start, valid_until)) AS diseases
                    FROM {ClickHouseSchema.Table(db, "enrolments")} FINAL
                    GROUP BY patient_key
                )
                """),
        ]),
    ];

    /// <summary>Applies the migrations not yet recorded, in order, recording each once its steps have run.</summary>
    public static async Task ApplyAsync(ClickHouseCalls calls, string db, CancellationToken ct)
    {
        foreach (var sql in Bootstrap(db))
        {
            await calls.ExecuteAsync(sql, ct).ConfigureAwait(false);
        }

        var applied = (await AppliedAsync(calls, db, ct).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        foreach (var migration in All(db).Where(m => !applied.Contains(m.Id)))
        {
            foreach (var step in migration.Steps)
            {
                await step.RunAsync(calls, ct).ConfigureAwait(false);
            }

            await calls.ExecuteAsync($"INSERT INTO {ClickHouseSchema.Table(db, Table)} (id, applied_at) VALUES ({ClickHouseLiteral.String(migration.Id)}, now())", ct)
                .ConfigureAwait(false);
        }
    }

    /// <summary>The recorded ids in order, each once; none when the database or the record is missing.</summary>
    public static async Task<IReadOnlyList<string>> AppliedAsync(ClickHouseCalls calls, string db, CancellationToken ct)
    {
        var exists = await calls.QueryAsync(
            $"SELECT count() AS n FROM system.tables WHERE database = {ClickHouseLiteral.String(db)} AND name = {ClickHouseLiteral.String(Table)}",
            r => r.Long("n"),
            ct).ConfigureAwait(false);
        if (exists.Count == 0 || exists[0] == 0)
        {
            return [];
        }

        return await calls.QueryAsync($"SELECT DISTINCT id FROM {ClickHouseSchema.Table(db, Table)} ORDER BY id", r => r.Str("id"), ct).ConfigureAwait(false);
    }

    /// <summary>The streaming writer's own CREATE TABLE of <paramref name="table"/>, so both create the same table.</summary>
    private static string StreamingTable(string db, string table)
    {
        var prefix = $"CREATE TABLE IF NOT EXISTS {ClickHouseSchema.Table(db, table)}";
        return ClickHouseSchema.Statements(db).Single(s => s.StartsWith(prefix, StringComparison.Ordinal) && char.IsWhiteSpace(s[prefix.Length]));
    }
}
