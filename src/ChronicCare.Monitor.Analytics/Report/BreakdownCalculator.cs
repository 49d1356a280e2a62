using ChronicCare.Monitor.Analytics.Store;

namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>
/// The month's breakdowns by disease, patient region and facility level, each group's figures compared with the same
/// group a month and a year before (null bases where the group is absent then).
/// </summary>
internal static class BreakdownCalculator
{
    /// <summary>By total cost descending, then disease code; the code stands in for a disease without a row.</summary>
    public static List<DiseaseBreakdown> Diseases(
        MonthPopulation now, MonthPopulation monthAgo, MonthPopulation yearAgo, IReadOnlyDictionary<string, DiseaseRow> diseases)
    {
        var before = monthAgo.ByDisease();
        var yearBefore = yearAgo.ByDisease();
        return now.ByDisease()
            .OrderByDescending(kv => kv.Value.TotalFen)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new DiseaseBreakdown(
                kv.Key,
                diseases.TryGetValue(kv.Key, out var d) ? d.Name : kv.Key,
                kv.Value,
                MetricChange.All(kv.Value, before.GetValueOrDefault(kv.Key), yearBefore.GetValueOrDefault(kv.Key))))
            .ToList();
    }

    /// <summary>By region code.</summary>
    public static List<RegionBreakdown> Regions(MonthPopulation now, MonthPopulation monthAgo, MonthPopulation yearAgo)
    {
        var before = monthAgo.ByRegion();
        var yearBefore = yearAgo.ByRegion();
        return now.ByRegion()
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new RegionBreakdown(
                kv.Key,
                kv.Value,
                MetricChange.All(kv.Value, before.GetValueOrDefault(kv.Key), yearBefore.GetValueOrDefault(kv.Key))))
            .ToList();
    }

    /// <summary>By level: 0..3 always, so a level without settlements in a base month has base 0 there.</summary>
    public static List<LevelBreakdown> Levels(MonthPopulation now, MonthPopulation monthAgo, MonthPopulation yearAgo)
    {
        var before = monthAgo.ByLevel();
        var yearBefore = yearAgo.ByLevel();
        return now.ByLevel()
            .Select(kv => new LevelBreakdown(
                kv.Key,
                kv.Value,
                MetricChange.All(kv.Value, before.GetValueOrDefault(kv.Key), yearBefore.GetValueOrDefault(kv.Key))))
            .ToList();
    }
}
