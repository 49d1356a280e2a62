using ChronicCare.Monitor.Analytics.Store;

namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>
/// One month's patients as the store knows them: the patient-month rows, the enrolments and the stays admitted, all of
/// them and the region filter's share. A stay counts for a patient of the filtered population (enrolled or active), so
/// its region is the one the month's rows give that patient.
/// </summary>
internal sealed class MonthPopulation
{
    private MonthPopulation(
        string month,
        IReadOnlyList<PatientMonthRow> allRows,
        IReadOnlyList<EnrolmentRow> allEnrolments,
        IReadOnlySet<string> hospitalised,
        RegionFilter filter)
    {
        Month = month;
        AllRows = allRows;
        AllEnrolments = allEnrolments;
        Hospitalised = hospitalised;
        Rows = allRows.Where(r => filter.Matches(r.Region)).ToList();
        Enrolments = allEnrolments.Where(e => filter.Matches(e.Region)).ToList();
    }

    public string Month { get; }

    /// <summary>Every region's rows (medians are over every patient, as R13 takes them).</summary>
    public IReadOnlyList<PatientMonthRow> AllRows { get; }

    public IReadOnlyList<EnrolmentRow> AllEnrolments { get; }

    /// <summary>The rows of the filtered regions.</summary>
    public IReadOnlyList<PatientMonthRow> Rows { get; }

    public IReadOnlyList<EnrolmentRow> Enrolments { get; }

    public IReadOnlySet<string> Hospitalised { get; }

    public static async Task<MonthPopulation> LoadAsync(IAnalyticsStore store, string month, RegionFilter filter, CancellationToken ct)
    {
        var rows = await store.PatientMonthsAsync(month, ct).ConfigureAwait(false);
        var enrolments = await store.EnrolmentsAsync(month, ct).ConfigureAwait(false);
        var stays = await store.StaysAdmittedAsync(month, ct).ConfigureAwait(false);
        var hospitalised = stays.Select(s => s.PatientKey).ToHashSet(StringComparer.Ordinal);
        return new MonthPopulation(month, rows, enrolments, hospitalised, filter);
    }

    public CostFigures Figures() => FigureCalculator.Compute(Rows, Enrolments, Hospitalised);

    public Dictionary<string, CostFigures> ByDisease()
    {
        var rows = Rows.ToLookup(r => r.DiseaseCode, StringComparer.Ordinal);
        var enrolments = Enrolments.ToLookup(e => e.DiseaseCode, StringComparer.Ordinal);
        return rows.Select(g => g.Key).Union(enrolments.Select(g => g.Key), StringComparer.Ordinal)
            .ToDictionary(code => code, code => FigureCalculator.Compute(rows[code], enrolments[code], Hospitalised), StringComparer.Ordinal);
    }

    public Dictionary<string, CostFigures> ByRegion()
    {
        var rows = Rows.ToLookup(r => r.Region, StringComparer.Ordinal);
        var enrolments = Enrolments.ToLookup(e => e.Region, StringComparer.Ordinal);
        return rows.Select(g => g.Key).Union(enrolments.Select(g => g.Key), StringComparer.Ordinal)
            .ToDictionary(region => region, region => FigureCalculator.Compute(rows[region], enrolments[region], Hospitalised), StringComparer.Ordinal);
    }

    /// <summary>Levels 0..3 always (and any other level a row names).</summary>
    public SortedDictionary<int, CostFigures> ByLevel()
    {
        var rows = Rows.ToLookup(r => r.FacilityLevel);
        var levels = new SortedSet<int> { 0, 1, 2, 3 };
        levels.UnionWith(rows.Select(g => g.Key));
        var result = new SortedDictionary<int, CostFigures>();
        foreach (var level in levels)
        {
            result[level] = FigureCalculator.Compute(rows[level], null, Hospitalised);
        }

        return result;
    }

    /// <summary>The region the month's rows give a patient (patient-month rows first, then enrolments), or null.</summary>
    public Dictionary<string, string> PatientRegions()
    {
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in AllRows.OrderBy(r => r.PatientKey, StringComparer.Ordinal).ThenBy(r => r.DiseaseCode, StringComparer.Ordinal).ThenBy(r => r.FacilityLevel))
        {
            regions.TryAdd(r.PatientKey, r.Region);
        }

        foreach (var e in AllEnrolments.OrderBy(e => e.PatientKey, StringComparer.Ordinal).ThenBy(e => e.DiseaseCode, StringComparer.Ordinal))
        {
            regions.TryAdd(e.PatientKey, e.Region);
        }

        return regions;
    }
}
