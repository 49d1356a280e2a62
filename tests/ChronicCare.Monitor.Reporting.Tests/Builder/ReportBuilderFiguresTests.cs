using ChronicCare.Monitor.Analytics;
using ChronicCare.Monitor.Analytics.Report;
using ChronicCare.Monitor.Reporting.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Reporting.Tests.Builder;

/// <summary>Headline and breakdown figures of <see cref="BasicCity"/>, computed by hand.</summary>
public sealed class ReportBuilderFiguresTests
{
    [Fact]
    public async Task BuildAsync_Headline_SumsAndDistinctCounts()
    {
        var r = await BasicCity.BuildAsync(BasicCity.Store());
        var h = r.Headline;
        Assert.Equal(3, h.EnrolledPatients); // P1, P2, P3; P4's benefit ended in February
        Assert.Equal(2, h.ActivePatients);
        Assert.Equal(6, h.Settlements);
        Assert.Equal(24000, h.TotalFen);
        Assert.Equal(16800, h.FundFen);
        Assert.Equal(7200, h.SelfFen);
        Assert.Equal(14000, h.DrugFen);
        Assert.Equal("2026-03", r.Month);
        Assert.Null(r.Region);
        Assert.Equal(BasicCity.GeneratedAt, r.GeneratedAt);
        Assert.Equal("2026-02", r.PreviousMonth);
        Assert.Equal("2025-03", r.YearAgoMonth);
    }

    [Fact]
    public async Task BuildAsync_PerCapita_SplitsByItemPerActivePatient()
    {
        var h = (await BasicCity.BuildAsync(BasicCity.Store())).Headline;
        Assert.Equal(12000m, h.PerCapitaFen);
        Assert.Equal(7000m, h.PerCapitaDrugFen);
        Assert.Equal(2500m, h.PerCapitaExamFen);
        Assert.Equal(2250m, h.PerCapitaTreatmentFen);
        Assert.Equal(250m, h.PerCapitaMaterialFen);
    }

    [Fact]
    public async Task BuildAsync_Hospitalisation_CountsPopulationStaysOverActive()
    {
        // P3 (enrolled) was admitted in March; P9 is not in the population; P2's stay began in February.
        var h = (await BasicCity.BuildAsync(BasicCity.Store())).Headline;
        Assert.Equal(1, h.HospitalisedPatients);
        Assert.Equal(0.5m, h.HospitalisationRate);
    }

    [Fact]
    public async Task BuildAsync_ByDisease_OrderedByTotalWithNamesAndEnrolment()
    {
        var r = await BasicCity.BuildAsync(BasicCity.Store());
        Assert.Equal(["HTN", "T2DM"], r.ByDisease.Select(d => d.DiseaseCode));
        var htn = r.ByDisease[0];
        Assert.Equal("高血压", htn.Name);
        Assert.Equal(2, htn.Figures.EnrolledPatients);
        Assert.Equal(1, htn.Figures.ActivePatients);
        Assert.Equal(15000, htn.Figures.TotalFen);
        Assert.Equal(1m, htn.Figures.HospitalisationRate);
        Assert.Equal(9000, r.ByDisease[1].Figures.TotalFen);
        Assert.Equal(0m, r.ByDisease[1].Figures.HospitalisationRate);
    }

    [Fact]
    public async Task BuildAsync_ByLevel_AllFourLevelsWithDistinctPatientsPerLevel()
    {
        var levels = (await BasicCity.BuildAsync(BasicCity.Store())).ByFacilityLevel;
        Assert.Equal([0, 1, 2, 3], levels.Select(l => l.Level));
        Assert.Equal([0L, 1L, 2L, 0L], levels.Select(l => l.Figures.ActivePatients));
        var two = levels[2].Figures;
        Assert.Equal(4, two.Settlements);
        Assert.Equal(14000, two.TotalFen);
        Assert.Equal(7000m, two.PerCapitaFen);
        Assert.Null(two.EnrolledPatients);
        Assert.Null(levels[0].Figures.PerCapitaFen);
        Assert.Equal("二级", levels[2].NameZh);
    }

    [Fact]
    public async Task BuildAsync_ByRegion_PatientRegionsInCodeOrder()
    {
        var regions = (await BasicCity.BuildAsync(BasicCity.Store())).ByRegion;
        Assert.Equal(["320102", "320205"], regions.Select(g => g.Region));
        Assert.Equal(2, regions[0].Figures.EnrolledPatients);
        Assert.Equal(15000, regions[0].Figures.TotalFen);
        Assert.Equal(9000, regions[1].Figures.TotalFen);
    }

    [Fact]
    public async Task BuildAsync_CityPrefix_KeepsOnlyThatCitysPatients()
    {
        var r = await BasicCity.BuildAsync(BasicCity.Store(), region: "3201");
        Assert.Equal("3201", r.Region);
        Assert.Equal(2, r.Headline.EnrolledPatients); // P1, P3
        Assert.Equal(1, r.Headline.ActivePatients);
        Assert.Equal(15000, r.Headline.TotalFen);
        Assert.Equal(1m, r.Headline.HospitalisationRate); // P3 of 3201 over P1
        Assert.Equal(["HTN"], r.ByDisease.Select(d => d.DiseaseCode));
        Assert.Equal(["320102"], r.ByRegion.Select(g => g.Region));
    }

    [Fact]
    public async Task BuildAsync_FullCode_KeepsOneDistrict()
    {
        var r = await BasicCity.BuildAsync(BasicCity.Store(), region: "320205");
        Assert.Equal(1, r.Headline.ActivePatients);
        Assert.Equal(9000, r.Headline.TotalFen);
        Assert.Equal(0, r.Headline.HospitalisedPatients); // P3's stay is another region's
    }

    [Fact]
    public async Task BuildAsync_MonthOnMonth_RatiosAgainstFebruary()
    {
        var changes = (await BasicCity.BuildAsync(BasicCity.Store())).HeadlineChanges.ToDictionary(c => c.Metric);
        Assert.Equal(ReportMetrics.All, changes.Keys);
        Assert.Equal(20000m, changes[ReportMetric.TotalCost].MonthAgo);
        Assert.Equal(0.2m, changes[ReportMetric.TotalCost].MonthOnMonth);
        Assert.Equal(-0.4m, changes[ReportMetric.PerCapitaCost].MonthOnMonth);
        Assert.Equal(1m, changes[ReportMetric.ActivePatients].MonthOnMonth);
        Assert.Equal(-0.25m, changes[ReportMetric.EnrolledPatients].MonthOnMonth); // 3 against 4 (P4 until 02-15)
        Assert.Equal(-0.5m, changes[ReportMetric.HospitalisationRate].MonthOnMonth); // 0.5 against 1 (P2 in February)
    }

    [Fact]
    public async Task BuildAsync_PreviousZeroOrMissing_ChangeIsNull()
    {
        var changes = (await BasicCity.BuildAsync(BasicCity.Store())).HeadlineChanges.ToDictionary(c => c.Metric);
        Assert.Equal(0m, changes[ReportMetric.PerCapitaExam].MonthAgo);
        Assert.Null(changes[ReportMetric.PerCapitaExam].MonthOnMonth); // previous 0
        Assert.Equal(0m, changes[ReportMetric.TotalCost].YearAgo);
        Assert.Null(changes[ReportMetric.TotalCost].YearOnYear); // previous 0
        Assert.Null(changes[ReportMetric.PerCapitaCost].YearAgo); // no active patients a year ago
        Assert.Null(changes[ReportMetric.PerCapitaCost].YearOnYear);
        Assert.Equal(-0.25m, changes[ReportMetric.EnrolledPatients].YearOnYear); // 3 against 4
    }

    [Fact]
    public async Task BuildAsync_DiseaseChanges_AgainstThatDiseasesPast()
    {
        var r = await BasicCity.BuildAsync(BasicCity.Store());
        var htn = r.ByDisease.Single(d => d.DiseaseCode == "HTN").Changes.ToDictionary(c => c.Metric);
        Assert.Equal(-0.25m, htn[ReportMetric.TotalCost].MonthOnMonth); // 15000 against 20000
        var t2dm = r.ByDisease.Single(d => d.DiseaseCode == "T2DM").Changes.ToDictionary(c => c.Metric);
        Assert.Equal(0m, t2dm[ReportMetric.TotalCost].MonthAgo); // enrolled in February, no settlements
        Assert.Null(t2dm[ReportMetric.TotalCost].MonthOnMonth);
    }

    [Fact]
    public async Task BuildAsync_DiseaseMissingLastMonth_PreviousIsNull()
    {
        var store = BasicCity.Store();
        store.PatientMonths.Add(Rows.Pm("2026-03", "P7", "COPD", 3, "320102", 1, treatment: 100));
        var copd = (await BasicCity.BuildAsync(store)).ByDisease.Single(d => d.DiseaseCode == "COPD");
        Assert.Equal("COPD", copd.Name); // no disease row: the code stands in
        var total = copd.Changes.Single(c => c.Metric == ReportMetric.TotalCost);
        Assert.Null(total.MonthAgo);
        Assert.Null(total.MonthOnMonth);
        Assert.Equal(100m, total.Value);
    }

    [Fact]
    public async Task BuildAsync_Trend_ThirteenMonthsOldestFirstEachReadOnce()
    {
        var store = BasicCity.Store();
        var r = await BasicCity.BuildAsync(store);
        Assert.Equal(13, r.Trend.Count);
        Assert.Equal("2025-03", r.Trend[0].Month);
        Assert.Equal("2026-03", r.Trend[^1].Month);
        Assert.Equal(new TrendPoint("2026-02", 20000, 14000, 1), r.Trend[^2]);
        Assert.Equal(new TrendPoint("2026-03", 24000, 16800, 2), r.Trend[^1]);
        Assert.Equal(13, store.PatientMonthReads.Count);
        Assert.Equal(13, store.PatientMonthReads.Distinct().Count());
    }

    [Fact]
    public async Task BuildAsync_January_TrendAndBasesCrossTheYear()
    {
        var r = await BasicCity.BuildAsync(BasicCity.Store(), month: "2026-01");
        Assert.Equal("2025-12", r.PreviousMonth);
        Assert.Equal("2025-01", r.YearAgoMonth);
        Assert.Equal("2025-01", r.Trend[0].Month);
        Assert.Equal("2026-01", r.Trend[^1].Month);
    }
}
