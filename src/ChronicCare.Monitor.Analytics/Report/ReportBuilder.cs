using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Policy;

namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>
/// Builds the <see cref="MonthlyReport"/> of a month from the analytics store (after the month's rollups are
/// refreshed). Reads only; the same store and arguments give the same report.
/// </summary>
public static class ReportBuilder
{
    /// <summary>How many facilities and patients the top tables list.</summary>
    public const int TopCount = 10;

    /// <summary>The trend's length: the month and the 12 before it.</summary>
    public const int TrendMonths = 13;

    /// <param name="store">The analytics store.</param>
    /// <param name="month">The month, <c>yyyy-MM</c>.</param>
    /// <param name="region">1 to 6 digits, a prefix of the 6-digit region code (<c>3201</c> = a city); null for every region.</param>
    /// <param name="policy">The cost-outlier thresholds (the facility peer comparison mirrors R12).</param>
    /// <param name="generatedAt">When the report is built (from the caller's TimeProvider).</param>
    /// <param name="ct">Cancels the store reads.</param>
    /// <param name="patientKey">
    /// Maps the patient id of an alert or action (they name the patient: staff act on them) to the store's pseudonym,
    /// so the report matches them to the month's rows and never prints an id; null when they already hold keys.
    /// </param>
    /// <exception cref="ArgumentException">The month is not <c>yyyy-MM</c> or the region not 1 to 6 digits.</exception>
    public static async Task<MonthlyReport> BuildAsync(
        IAnalyticsStore store,
        string month,
        string? region,
        CostOutlierPolicy policy,
        DateTimeOffset generatedAt,
        CancellationToken ct,
        Func<string, string>? patientKey = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(policy);
        var first = Months.Parse(month);
        var filter = RegionFilter.Parse(region);

        var diseases = (await store.DiseasesAsync(ct).ConfigureAwait(false))
            .GroupBy(d => d.DiseaseCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var facilities = (await store.FacilitiesAsync(ct).ConfigureAwait(false))
            .GroupBy(f => f.FacilityId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

        var now = await MonthPopulation.LoadAsync(store, month, filter, ct).ConfigureAwait(false);
        var monthAgo = await MonthPopulation.LoadAsync(store, Months.Add(first, -1), filter, ct).ConfigureAwait(false);
        var yearAgo = await MonthPopulation.LoadAsync(store, Months.Add(first, -12), filter, ct).ConfigureAwait(false);

        var headline = now.Figures();
        var headlineChanges = MetricChange.All(headline, monthAgo.Figures(), yearAgo.Figures());

        var byDisease = BreakdownCalculator.Diseases(now, monthAgo, yearAgo, diseases);
        var byRegion = BreakdownCalculator.Regions(now, monthAgo, yearAgo);
        var byLevel = BreakdownCalculator.Levels(now, monthAgo, yearAgo);
        var trend = await TrendAsync(store, first, filter, [now, monthAgo, yearAgo], ct).ConfigureAwait(false);

        var regions = new SubjectRegions(filter, now.PatientRegions(), facilities.ToDictionary(kv => kv.Key, kv => kv.Value.Region, StringComparer.Ordinal));
        string? Key(string? id) => id is null || patientKey is null ? id : patientKey(id);
        var alerts = AlertTriage.Summarise(
            (await store.AlertsAsync(month, ct).ConfigureAwait(false)).Select(a => a with { PatientId = Key(a.PatientId) }).ToList(),
            await store.DecisionsAsync(ct).ConfigureAwait(false),
            regions);
        var sanctions = SanctionCounter.Count((await store.ActionsAsync(month, ct).ConfigureAwait(false)).Select(a => a with { PatientId = Key(a.PatientId)! }).ToList(), regions);

        var periodAlerts = (await store.PeriodAlertsAsync(month, ct).ConfigureAwait(false)).Select(a => a with { PatientId = Key(a.PatientId) }).ToList();
        var topFacilities = FacilityPeerRanking.Top(
            await store.FacilityMonthsAsync(month, ct).ConfigureAwait(false), facilities, periodAlerts, policy, filter, TopCount);
        var topPatients = PatientCostRanking.Top(now.AllRows, now.Rows, diseases, periodAlerts, TopCount);
        var quota = QuotaCalculator.Of(now.Rows, diseases, byDisease.Select(d => d.DiseaseCode));

        return new MonthlyReport(
            month,
            filter.Prefix,
            generatedAt,
            monthAgo.Month,
            yearAgo.Month,
            headline,
            headlineChanges,
            byDisease,
            byRegion,
            byLevel,
            trend,
            alerts,
            sanctions,
            topFacilities,
            topPatients,
            quota,
            new FacilityCriteria(policy.FacilityMinSettlements, policy.PeerGroupMinFacilities));
    }

    private static async Task<List<TrendPoint>> TrendAsync(
        IAnalyticsStore store, DateOnly first, RegionFilter filter, IReadOnlyList<MonthPopulation> loaded, CancellationToken ct)
    {
        var points = new List<TrendPoint>(TrendMonths);
        for (var back = TrendMonths - 1; back >= 0; back--)
        {
            var month = Months.Add(first, -back);
            var rows = loaded.FirstOrDefault(p => p.Month == month)?.Rows
                ?? (await store.PatientMonthsAsync(month, ct).ConfigureAwait(false)).Where(r => filter.Matches(r.Region)).ToList();
            var patients = rows.Select(r => r.PatientKey).Distinct(StringComparer.Ordinal).LongCount();
            points.Add(new TrendPoint(month, rows.Sum(r => r.TotalFen), rows.Sum(r => r.FundFen), patients));
        }

        return points;
    }
}
