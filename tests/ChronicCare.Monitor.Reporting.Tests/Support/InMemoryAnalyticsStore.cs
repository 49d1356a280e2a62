using System.Globalization;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Reporting.Tests.Support;

/// <summary>
/// A test double of the analytics store over fixed rows: the reads filter and order as <see cref="IAnalyticsStore"/>
/// documents them; writes are not supported (the report only reads). Counts the month reads it served.
/// </summary>
internal sealed class InMemoryAnalyticsStore : IAnalyticsStore
{
    public List<PatientMonthRow> PatientMonths { get; } = [];

    public List<FacilityMonthRow> FacilityMonths { get; } = [];

    public List<EnrolmentRow> Enrolments { get; } = [];

    public List<StayRow> Stays { get; } = [];

    public List<DiseaseRow> Diseases { get; } = [];

    public List<FacilityRow> Facilities { get; } = [];

    public List<Alert> Alerts { get; } = [];

    public List<IntegrityAction> Actions { get; } = [];

    public List<ReviewDecision> Decisions { get; } = [];

    public List<string> PatientMonthReads { get; } = [];

    public string Describe => "memory";

    public Task MigrateAsync(CancellationToken ct) => Task.CompletedTask;

    public Task<IReadOnlyList<string>> AppliedMigrationsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>([]);

    public Task WriteAsync(AnalyticsBatch batch, CancellationToken ct) => throw new NotSupportedException("the in-memory store holds fixed rows");

    public Task RefreshRollupsAsync(string month, CancellationToken ct) => Task.CompletedTask;

    public Task<IReadOnlyList<FacilityMonthRow>> FacilityMonthsAsync(string month, CancellationToken ct) =>
        Done(FacilityMonths.Where(f => f.Month == month).OrderBy(f => f.FacilityId, StringComparer.Ordinal));

    public Task<IReadOnlyList<PatientMonthRow>> PatientMonthsAsync(string month, CancellationToken ct)
    {
        PatientMonthReads.Add(month);
        return Done(PatientMonths.Where(p => p.Month == month)
            .OrderBy(p => p.PatientKey, StringComparer.Ordinal)
            .ThenBy(p => p.DiseaseCode, StringComparer.Ordinal)
            .ThenBy(p => p.FacilityLevel));
    }

    public Task<IReadOnlyList<EnrolmentRow>> EnrolmentsAsync(string month, CancellationToken ct)
    {
        var (first, last) = Range(month);
        return Done(Enrolments.Where(e => e.BenefitStart <= last && e.ValidUntil >= first));
    }

    public Task<IReadOnlyList<StayRow>> StaysAdmittedAsync(string month, CancellationToken ct)
    {
        var (first, last) = Range(month);
        return Done(Stays.Where(s => s.AdmittedOn is { } d && d >= first && d <= last));
    }

    public Task<IReadOnlyList<DiseaseRow>> DiseasesAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Done(Diseases);
    }

    public Task<IReadOnlyList<FacilityRow>> FacilitiesAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Done(Facilities);
    }

    public Task<Alert?> FindAlertAsync(string alertId, CancellationToken ct) =>
        Task.FromResult(Alerts.LastOrDefault(a => a.AlertId == alertId));

    public Task<IReadOnlyList<Alert>> AlertsAsync(string month, CancellationToken ct) =>
        Done(Alerts.Where(a => a.EventTime.StartsWith(month, StringComparison.Ordinal)));

    /// <summary>Region is not modelled (the report never searches): a query naming one is refused.</summary>
    public Task<IReadOnlyList<Alert>> SearchAlertsAsync(AlertQuery query, CancellationToken ct) => query.Region is not null
        ? throw new NotSupportedException("the in-memory store does not search by region")
        : Done(Alerts.Where(a => (query.Rule is null || a.Rule == query.Rule) && (query.Severity is null || a.Severity == query.Severity)
                && (query.Status is null || a.Status == query.Status) && (query.FacilityId is null || a.FacilityId == query.FacilityId)
                && (query.PatientId is null || a.PatientId == query.PatientId))
            .OrderByDescending(a => DateTimeOffset.Parse(a.EventTime, CultureInfo.InvariantCulture).ToUnixTimeSeconds()).ThenBy(a => a.AlertId, StringComparer.Ordinal)
            .Take(query.Validate().Limit));

    public Task<IReadOnlyList<Alert>> PeriodAlertsAsync(string period, CancellationToken ct) =>
        Done(Alerts.Where(a => a.Rule is "R12" or "R13" && a.Period == period));

    public Task<IntegrityAction?> FindActionAsync(string actionId, CancellationToken ct) =>
        Task.FromResult(Actions.LastOrDefault(a => a.ActionId == actionId));

    public Task<IReadOnlyList<IntegrityAction>> ActionsAsync(string month, CancellationToken ct) =>
        Done(Actions.Where(a => a.EffectiveFrom.ServiceDate.ToString("yyyy-MM", CultureInfo.InvariantCulture) == month));

    public Task<IReadOnlyList<IntegrityAction>> PatientActionsAsync(string patientId, CancellationToken ct) =>
        Done(Actions.Where(a => a.PatientId == patientId).OrderBy(a => a.ActionId, StringComparer.Ordinal));

    public Task<IReadOnlyList<ReviewDecision>> DecisionsAsync(CancellationToken ct) =>
        Done(Decisions.OrderBy(d => d.DecidedAt.UtcTicks).ThenBy(d => d.DecisionId, StringComparer.Ordinal));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static Task<IReadOnlyList<T>> Done<T>(IEnumerable<T> rows) => Task.FromResult<IReadOnlyList<T>>(rows.ToList());

    private static (DateOnly First, DateOnly Last) Range(string month)
    {
        var first = DateOnly.ParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture);
        return (first, first.AddMonths(1).AddDays(-1));
    }
}
