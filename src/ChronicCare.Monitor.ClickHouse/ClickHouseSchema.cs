using System.Text.RegularExpressions;

namespace ChronicCare.Monitor.ClickHouse;

/// <summary>
/// The analytics tables of alerts and actions (contract §4, §5). SQL that runs on Debian's ClickHouse 18.16 and on a
/// current one: no DateTime64 or LowCardinality (18.16 lacks them), times as <c>DateTime('UTC')</c> so a read does not
/// depend on the server's time zone.
/// </summary>
/// <remarks>
/// Idempotent writes without insert deduplication (none without ZooKeeper on 18.16): <c>ReplacingMergeTree(version)</c>
/// ordered by the deterministic id, with <c>version</c> = detected_at / decided_at in Unix milliseconds, so a replayed
/// record only repeats a row and a later record of the same id (an alert withdrawn) replaces it. Merges happen in the
/// background, so reads deduplicate: <c>FROM alerts FINAL</c> or <c>argMax(column, version) ... GROUP BY alert_id</c>.
/// FINAL also collapses an id whose rows sit in two partitions (checked on 18.16); background merges never do, which
/// matters only for a WARNING whose effective_from moves across a month boundary (its trigger changed on the 1st).
/// </remarks>
public static partial class ClickHouseSchema
{
    public const string Alerts = "alerts";

    public const string Actions = "actions";

    /// <summary>True for a plain identifier: the name is spliced into SQL (18.16 has no query parameters), so nothing else is allowed.</summary>
    public static bool IsValidDatabase(string name) => Identifier().IsMatch(name);

    /// <summary>A table of <paramref name="database"/> as SQL names it.</summary>
    public static string Table(string database, string table) => $"{Checked(database)}.{table}";

    /// <summary>The statements <see cref="EnsureAsync"/> runs, in order; each is a no-op when its object exists.</summary>
    public static IReadOnlyList<string> Statements(string database) =>
    [
        $"CREATE DATABASE IF NOT EXISTS {Checked(database)}",
        $"""
        CREATE TABLE IF NOT EXISTS {Table(database, Alerts)}
        (
            alert_id String,
            rule String,
            name String,
            status String,
            severity String,
            patient_id Nullable(String),
            settlement_id Nullable(String),
            facility_id Nullable(String),
            period Nullable(String),
            event_time DateTime('UTC'),
            detected_at DateTime('UTC'),
            score Nullable(Float64),
            evidence String,
            message_zh String,
            message_en String,
            version UInt64
        )
        ENGINE = ReplacingMergeTree(version)
        PARTITION BY toYYYYMM(event_time)
        ORDER BY alert_id
        """,
        $"""
        CREATE TABLE IF NOT EXISTS {Table(database, Actions)}
        (
            action_id String,
            patient_id String,
            action String,
            effective_from DateTime('UTC'),
            effective_until Nullable(DateTime('UTC')),
            reason_rule String,
            alert_ids Array(String),
            automatic UInt8,
            decided_by Nullable(String),
            revokes Nullable(String),
            decided_at DateTime('UTC'),
            version UInt64
        )
        ENGINE = ReplacingMergeTree(version)
        PARTITION BY toYYYYMM(effective_from)
        ORDER BY action_id
        """,
    ];

    /// <summary>Creates the database and tables when missing; safe to run at every start and by several processes.</summary>
    public static async Task EnsureAsync(ClickHouseHttp http, string database, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        foreach (var sql in Statements(database))
        {
            await http.ExecuteAsync(sql, ct).ConfigureAwait(false);
        }
    }

    private static string Checked(string database) =>
        IsValidDatabase(database) ? database : throw new ArgumentException($"not a valid ClickHouse database name: '{database}'", nameof(database));

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex Identifier();
}
