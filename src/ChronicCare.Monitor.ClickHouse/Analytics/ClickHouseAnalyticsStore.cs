using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.ClickHouse.Analytics;

/// <summary>
/// The scaled analytics store: ClickHouse over its HTTP interface, in SQL that Debian's 18.16 and current servers
/// both run (<see cref="ClickHouseMigrations"/>). A write is one JSONEachRow INSERT per table, retried (3 times,
/// exponential backoff) when the server fails or cannot be reached; tables are ReplacingMergeTree and every read
/// says FINAL, so a retried or replayed write changes no answer. The alerts and actions tables are the streaming
/// writer's own, so alerts and actions written by <c>run</c> read back here too.
/// </summary>
/// <remarks>
/// Nothing here logs, and errors carry ClickHouse's first error line cut before any row data
/// (<see cref="ClickHouseHttp"/>), the server without its query string (where a password would be), and no patient id.
/// </remarks>
public sealed class ClickHouseAnalyticsStore : IAnalyticsStore
{
    private readonly ClickHouseHttp _http;
    private readonly bool _ownsHttp;
    private readonly string _db;
    private readonly ClickHouseCalls _calls;
    private readonly ClickHouseAnalyticsQueries _queries;

    /// <summary>A store on the server and database of <paramref name="options"/> (validated); call <see cref="MigrateAsync"/> before use.</summary>
    public ClickHouseAnalyticsStore(ClickHouseOptions options)
        : this(new ClickHouseHttp((options ?? throw new ArgumentNullException(nameof(options))).Validate().Url, options.Timeout), options.Database, ownsHttp: true, ClickHouseRetry.DefaultDelay)
    {
    }

    internal ClickHouseAnalyticsStore(ClickHouseHttp http, string database, bool ownsHttp, TimeSpan retryDelay)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!ClickHouseSchema.IsValidDatabase(database))
        {
            throw new ArgumentException($"not a valid ClickHouse database name: '{database}'", nameof(database));
        }

        _http = http;
        _ownsHttp = ownsHttp;
        _db = database;
        _calls = new ClickHouseCalls(http, ClickHouseRetry.Create(retryDelay));
        _queries = new ClickHouseAnalyticsQueries(_calls, database);
    }

    /// <summary>The server (scheme, host, port: never the query string, which may hold a password) and database.</summary>
    public string Describe => $"clickhouse:{_http.Server}/{_db}";

    public Task MigrateAsync(CancellationToken ct) => ClickHouseMigrations.ApplyAsync(_calls, _db, ct);

    public Task<IReadOnlyList<string>> AppliedMigrationsAsync(CancellationToken ct) => ClickHouseMigrations.AppliedAsync(_calls, _db, ct);

    /// <summary>
    /// One INSERT per table with rows, each retried on its own. Tables are written in a fixed order; a batch that
    /// fails part way is written whole again by the caller's retry, which the ReplacingMergeTree tables absorb.
    /// Enrolments go to <c>enrolment_sets</c> as one row per patient the batch states (see
    /// <see cref="AnalyticsBatch.Enrolments"/>), so a patient's set is replaced whole, atomically, by the highest version.
    /// </summary>
    public async Task WriteAsync(AnalyticsBatch batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await InsertAsync("settlements", batch.Settlements, AnalyticsJsonRows.Settlements, ct).ConfigureAwait(false);
        await InsertAsync("settlement_lines", batch.Lines, AnalyticsJsonRows.SettlementLines, ct).ConfigureAwait(false);
        await InsertAsync("reversals", batch.Reversals, AnalyticsJsonRows.Reversals, ct).ConfigureAwait(false);
        await InsertAsync("stays", batch.Stays, AnalyticsJsonRows.Stays, ct).ConfigureAwait(false);
        if (batch.Enrolments.Count > 0 || batch.EnrolmentSets.Count > 0)
        {
            await _calls.InsertAsync(ClickHouseSchema.Table(_db, "enrolment_sets"), AnalyticsJsonRows.EnrolmentSets(batch), ct).ConfigureAwait(false);
        }

        await InsertAsync("diseases", batch.Diseases, AnalyticsJsonRows.Diseases, ct).ConfigureAwait(false);
        await InsertAsync("facilities", batch.Facilities, AnalyticsJsonRows.Facilities, ct).ConfigureAwait(false);
        await InsertAsync(ClickHouseSchema.Alerts, batch.Alerts, AnalyticsJsonRows.Alerts, ct).ConfigureAwait(false);
        await InsertAsync(ClickHouseSchema.Actions, batch.Actions, AnalyticsJsonRows.Actions, ct).ConfigureAwait(false);
        await InsertAsync("decisions", batch.Decisions, AnalyticsJsonRows.Decisions, ct).ConfigureAwait(false);
    }

    public Task RefreshRollupsAsync(string month, CancellationToken ct) => ClickHouseRollups.RefreshAsync(_calls, _db, month, ct);

    public Task<IReadOnlyList<FacilityMonthRow>> FacilityMonthsAsync(string month, CancellationToken ct) => _queries.FacilityMonthsAsync(month, ct);

    public Task<IReadOnlyList<PatientMonthRow>> PatientMonthsAsync(string month, CancellationToken ct) => _queries.PatientMonthsAsync(month, ct);

    public Task<IReadOnlyList<EnrolmentRow>> EnrolmentsAsync(string month, CancellationToken ct) => _queries.EnrolmentsAsync(month, ct);

    public Task<IReadOnlyList<StayRow>> StaysAdmittedAsync(string month, CancellationToken ct) => _queries.StaysAdmittedAsync(month, ct);

    public Task<IReadOnlyList<DiseaseRow>> DiseasesAsync(CancellationToken ct) => _queries.DiseasesAsync(ct);

    public Task<IReadOnlyList<FacilityRow>> FacilitiesAsync(CancellationToken ct) => _queries.FacilitiesAsync(ct);

    public Task<Alert?> FindAlertAsync(string alertId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alertId);
        return _queries.FindAlertAsync(alertId, ct);
    }

    public Task<IReadOnlyList<Alert>> AlertsAsync(string month, CancellationToken ct) => _queries.AlertsAsync(month, ct);

    public Task<IReadOnlyList<Alert>> SearchAlertsAsync(AlertQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _queries.SearchAlertsAsync(query.Validate(), ct);
    }

    public Task<IReadOnlyList<Alert>> PeriodAlertsAsync(string period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        return _queries.PeriodAlertsAsync(period, ct);
    }

    public Task<IntegrityAction?> FindActionAsync(string actionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        return _queries.FindActionAsync(actionId, ct);
    }

    public Task<IReadOnlyList<IntegrityAction>> ActionsAsync(string month, CancellationToken ct) => _queries.ActionsAsync(month, ct);

    public Task<IReadOnlyList<IntegrityAction>> PatientActionsAsync(string patientId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        return _queries.PatientActionsAsync(patientId, ct);
    }

    public Task<IReadOnlyList<ReviewDecision>> DecisionsAsync(CancellationToken ct) => _queries.DecisionsAsync(ct);

    public ValueTask DisposeAsync()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private Task InsertAsync<T>(string table, List<T> rows, Func<IEnumerable<T>, byte[]> body, CancellationToken ct) =>
        rows.Count == 0 ? Task.CompletedTask : _calls.InsertAsync(ClickHouseSchema.Table(_db, table), body(rows), ct);
}
