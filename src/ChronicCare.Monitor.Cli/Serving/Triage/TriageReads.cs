using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Cli.Serving.Integrity;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Cli.Serving.Triage;

/// <summary>The reads of <c>serve</c>, shared by the API and the page so both show the same thing.</summary>
internal sealed class TriageReads(IAnalyticsStore store, IntegrityReader integrity)
{
    public async Task<AlertList> ListAsync(AlertQuery query, CancellationToken ct)
    {
        var alerts = await store.SearchAlertsAsync(query, ct).ConfigureAwait(false);
        var reviews = LatestReviews.ByAlert(await store.DecisionsAsync(ct).ConfigureAwait(false));
        return new AlertList(alerts, reviews);
    }

    /// <summary>The alert with its evidence, decisions and integrity record, or null when the store does not hold it.</summary>
    public async Task<AlertDetail?> DetailAsync(string alertId, CancellationToken ct)
    {
        if (await store.FindAlertAsync(alertId, ct).ConfigureAwait(false) is not { } alert)
        {
            return null;
        }

        var decisions = await store.DecisionsAsync(ct).ConfigureAwait(false);
        var onAlert = decisions.Where(d => d.AlertId == alertId && d.Verdict != ReviewVerdict.Reinstate).ToList();
        var record = alert.PatientId is { Length: > 0 } patient ? await integrity.ReadAsync(patient, decisions, ct).ConfigureAwait(false) : null;
        return new AlertDetail(alert, onAlert, record);
    }

    /// <summary>A patient's integrity record as it stands now (after a decision: what it changed).</summary>
    public async Task<IntegrityRecord> IntegrityAsync(string patientId, CancellationToken ct) =>
        await integrity.ReadAsync(patientId, await store.DecisionsAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false);

    /// <summary>The regions of the facilities table, for the page's filter.</summary>
    public async Task<IReadOnlyList<string>> RegionsAsync(CancellationToken ct) =>
        [.. (await store.FacilitiesAsync(ct).ConfigureAwait(false)).Select(f => f.Region).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>A cheap read that fails when the store is unreachable (health).</summary>
    public async Task<int> MigrationsAsync(CancellationToken ct) => (await store.AppliedMigrationsAsync(ct).ConfigureAwait(false)).Count;
}
