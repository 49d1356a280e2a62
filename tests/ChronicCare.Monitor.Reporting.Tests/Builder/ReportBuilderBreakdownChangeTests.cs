using ChronicCare.Monitor.Analytics;
using ChronicCare.Monitor.Analytics.Report;
using ChronicCare.Monitor.Reporting.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Reporting.Tests.Builder;

/// <summary>
/// Month-on-month and year-on-year changes of the region and facility-level breakdowns of <see cref="BasicCity"/>,
/// computed by hand. <see cref="WithYearAgo"/> adds a year-ago month: P1 (HTN, 320102) at level 2, 2 settlements,
/// drug 8000.
/// </summary>
public sealed class ReportBuilderBreakdownChangeTests
{
    [Fact]
    public async Task BuildAsync_RegionChanges_AgainstThatRegionsPast()
    {
        // 320102 in March: P1 15000 (P3 enrolled); in February: P1 20000 (P3 enrolled)
        var region = (await BasicCity.BuildAsync(WithYearAgo())).ByRegion.Single(g => g.Region == "320102");
        var c = ByMetric(region.Changes);
        Assert.Equal(ReportMetrics.All, c.Keys);
        Assert.Equal(15000m, c[ReportMetric.TotalCost].Value);
        Assert.Equal(20000m, c[ReportMetric.TotalCost].MonthAgo);
        Assert.Equal(-0.25m, c[ReportMetric.TotalCost].MonthOnMonth);
        Assert.Equal(-0.25m, c[ReportMetric.PerCapitaCost].MonthOnMonth); // 15000 / 1 against 20000 / 1
        Assert.Equal(0m, c[ReportMetric.ActivePatients].MonthOnMonth); // 1 against 1
        Assert.Equal(-0.25m, c[ReportMetric.Settlements].MonthOnMonth); // 3 against 4
        Assert.Equal(0m, c[ReportMetric.EnrolledPatients].MonthOnMonth); // P1, P3 both months

        Assert.Equal(8000m, c[ReportMetric.TotalCost].YearAgo);
        Assert.Equal(0.875m, c[ReportMetric.TotalCost].YearOnYear); // 15000 against 8000
        Assert.Equal(0.875m, c[ReportMetric.PerCapitaCost].YearOnYear);
        Assert.Equal(0m, c[ReportMetric.ActivePatients].YearOnYear);
    }

    [Fact]
    public async Task BuildAsync_RegionWithoutSettlementsLastMonth_BaseZeroChangeNull()
    {
        // 320205: P2 enrolled in February but settled only in March; nothing a year ago
        var region = (await BasicCity.BuildAsync(BasicCity.Store())).ByRegion.Single(g => g.Region == "320205");
        var c = ByMetric(region.Changes);
        Assert.Equal(0m, c[ReportMetric.TotalCost].MonthAgo);
        Assert.Null(c[ReportMetric.TotalCost].MonthOnMonth);
        Assert.Null(c[ReportMetric.PerCapitaCost].MonthAgo); // no active patient in February
        Assert.Null(c[ReportMetric.PerCapitaCost].MonthOnMonth);
        Assert.Equal(0m, c[ReportMetric.EnrolledPatients].MonthOnMonth); // P2 both months
        Assert.Null(c[ReportMetric.TotalCost].YearOnYear);
    }

    [Fact]
    public async Task BuildAsync_RegionOnlyThisMonth_NoBaseEveryChangeNull()
    {
        var store = WithYearAgo();
        store.PatientMonths.Add(Rows.Pm("2026-03", "P5", "HTN", 3, "320106", 1, treatment: 4000));
        var regions = (await BasicCity.BuildAsync(store)).ByRegion;
        Assert.Equal(["320102", "320106", "320205"], regions.Select(g => g.Region));
        var fresh = regions[1];
        Assert.Equal(4000, fresh.Figures.TotalFen);
        Assert.Equal(ReportMetrics.All, fresh.Changes.Select(c => c.Metric));
        Assert.All(fresh.Changes, c =>
        {
            Assert.Null(c.MonthAgo);
            Assert.Null(c.MonthOnMonth);
            Assert.Null(c.YearAgo);
            Assert.Null(c.YearOnYear);
        });
        Assert.Equal(4000m, ByMetric(fresh.Changes)[ReportMetric.TotalCost].Value);
    }

    [Fact]
    public async Task BuildAsync_RegionReport_ChangesOfTheFilteredRegionOnly()
    {
        var r = await BasicCity.BuildAsync(WithYearAgo(), region: "3201");
        var c = ByMetric(r.ByRegion.Single().Changes);
        Assert.Equal(-0.25m, c[ReportMetric.TotalCost].MonthOnMonth);
        Assert.Equal(0.875m, c[ReportMetric.TotalCost].YearOnYear);
    }

    [Fact]
    public async Task BuildAsync_LevelChanges_AgainstThatLevelsPast()
    {
        // level 1: March P1 2 settlements 10000; February P1 4 settlements 20000; a year ago nothing
        // level 2: March P1 5000 + P2 9000; February nothing; a year ago P1 8000
        var levels = (await BasicCity.BuildAsync(WithYearAgo())).ByFacilityLevel;
        Assert.Equal([0, 1, 2, 3], levels.Select(l => l.Level));
        Assert.All(levels, l => Assert.Equal(ReportMetrics.All, l.Changes.Select(c => c.Metric)));

        var one = ByMetric(levels[1].Changes);
        Assert.Equal(-0.5m, one[ReportMetric.TotalCost].MonthOnMonth);
        Assert.Equal(-0.5m, one[ReportMetric.PerCapitaCost].MonthOnMonth);
        Assert.Equal(-0.5m, one[ReportMetric.Settlements].MonthOnMonth);
        Assert.Equal(0m, one[ReportMetric.ActivePatients].MonthOnMonth);
        Assert.Equal(0m, one[ReportMetric.TotalCost].YearAgo);
        Assert.Null(one[ReportMetric.TotalCost].YearOnYear);

        var two = ByMetric(levels[2].Changes);
        Assert.Equal(0m, two[ReportMetric.TotalCost].MonthAgo); // the level is listed, with nothing in February
        Assert.Null(two[ReportMetric.TotalCost].MonthOnMonth);
        Assert.Null(two[ReportMetric.PerCapitaCost].MonthOnMonth);
        Assert.Null(two[ReportMetric.ActivePatients].MonthOnMonth);
        Assert.Equal(8000m, two[ReportMetric.TotalCost].YearAgo);
        Assert.Equal(0.75m, two[ReportMetric.TotalCost].YearOnYear); // 14000 against 8000
        Assert.Equal(-0.125m, two[ReportMetric.PerCapitaCost].YearOnYear); // 7000 against 8000
        Assert.Equal(1m, two[ReportMetric.ActivePatients].YearOnYear); // 2 against 1
        Assert.Equal(1m, two[ReportMetric.Settlements].YearOnYear); // 4 against 2
    }

    [Fact]
    public async Task BuildAsync_LevelOnlyThisMonth_ChangesNullEnrolmentUndefined()
    {
        var store = BasicCity.Store();
        store.PatientMonths.Add(Rows.Pm("2026-03", "P5", "HTN", 3, "320106", 1, treatment: 4000));
        var levels = (await BasicCity.BuildAsync(store)).ByFacilityLevel;
        var three = ByMetric(levels.Single(l => l.Level == 3).Changes);
        Assert.Equal(4000m, three[ReportMetric.TotalCost].Value);
        Assert.Equal(0m, three[ReportMetric.TotalCost].MonthAgo);
        Assert.All(three.Values, c => Assert.Null(c.MonthOnMonth));
        Assert.All(three.Values, c => Assert.Null(c.YearOnYear));

        // enrolment has no level split: no value, no change, at any level
        Assert.All(levels, l =>
        {
            var enrolled = l.Changes.Single(c => c.Metric == ReportMetric.EnrolledPatients);
            Assert.Equal((null, null, null), (enrolled.Value, enrolled.MonthAgo, enrolled.MonthOnMonth));
        });
    }

    [Fact]
    public async Task BuildAsync_EmptyStore_LevelsListedWithoutChanges()
    {
        var r = await BasicCity.BuildAsync(new InMemoryAnalyticsStore());
        Assert.Empty(r.ByRegion);
        Assert.Equal(4, r.ByFacilityLevel.Count);
        Assert.All(r.ByFacilityLevel.SelectMany(l => l.Changes), c => Assert.Equal((null, null), (c.MonthOnMonth, c.YearOnYear)));
    }

    /// <summary>BasicCity with P1 (HTN, 320102) at level 2 a year before: 2 settlements, drug 8000.</summary>
    private static InMemoryAnalyticsStore WithYearAgo()
    {
        var store = BasicCity.Store();
        store.PatientMonths.Add(Rows.Pm("2025-03", "P1", "HTN", 2, "320102", 2, drug: 8000));
        return store;
    }

    private static Dictionary<ReportMetric, MetricChange> ByMetric(IReadOnlyList<MetricChange> changes) => changes.ToDictionary(c => c.Metric);
}
