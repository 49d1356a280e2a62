using ChronicCare.Monitor.Analytics;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Report;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.Reporting.Tests.Support;
using Xunit;
using static ChronicCare.Monitor.Reporting.Tests.Support.Rows;

namespace ChronicCare.Monitor.Reporting.Tests.Builder;

/// <summary>Facilities against their peers (as R12), highest-cost patients (as R13) and quota use, by hand.</summary>
public sealed class ReportBuilderOutlierTests
{
    private const string M = "2026-03";

    /// <summary>
    /// Hospitals of level 2 in 3201: F1..F5 with means 10000, 11000, 12000, 13000, 30000 fen (median 12000, MAD 1000);
    /// F6 has 29 settlements (not judged, not a peer); F7 alone in 3202 (mean 24000) takes the same kind and level
    /// everywhere: F1..F5 and F7 (median 12500, MAD 2000); F8, a pharmacy alone, has MAD 0.
    /// </summary>
    private static InMemoryAnalyticsStore Facilities()
    {
        var s = new InMemoryAnalyticsStore();
        s.FacilityMonths.AddRange(
        [
            Fm(M, "F1", "hospital", 2, "320101", 30, 10000),
            Fm(M, "F2", "hospital", 2, "320102", 30, 11000),
            Fm(M, "F3", "hospital", 2, "320103", 40, 12000),
            Fm(M, "F4", "hospital", 2, "320104", 30, 13000),
            Fm(M, "F5", "hospital", 2, "320105", 50, 30000),
            Fm(M, "F6", "hospital", 2, "320106", 29, 90000),
            Fm(M, "F7", "hospital", 2, "320201", 30, 24000),
            Fm(M, "F8", "pharmacy", 0, "320101", 30, 5000),
            Fm("2026-02", "F9", "hospital", 2, "320101", 30, 99000),
        ]);
        s.Facilities.AddRange(
        [
            new FacilityRow("F5", "南京市第五人民医院", "hospital", 2, "320105"),
            new FacilityRow("F7", "无锡市第七医院", "hospital", 2, "320201"),
        ]);
        s.Alerts.AddRange(
        [
            Alert("R12:F5:2026-03", "R12", "2026-03-01T00:00:00+08:00", facility: "F5", period: M),
            Alert("R12:F7:2026-03", "R12", "2026-03-01T00:00:00+08:00", status: AlertStatus.Withdrawn, facility: "F7", period: M),
            Alert("R12:F4:2026-02", "R12", "2026-02-01T00:00:00+08:00", facility: "F4", period: "2026-02"),
        ]);
        return s;
    }

    [Fact]
    public async Task BuildAsync_TopFacilities_RatioOrderTiesById()
    {
        var top = (await BasicCity.BuildAsync(Facilities())).TopFacilities;
        Assert.Equal(["F5", "F7", "F4", "F3", "F8", "F2", "F1"], top.Select(f => f.FacilityId)); // F3 and F8 both 1.0
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], top.Select(f => f.Rank));
    }

    [Fact]
    public async Task BuildAsync_CityPeers_MedianMadAndRobustZ()
    {
        var f5 = (await BasicCity.BuildAsync(Facilities())).TopFacilities[0];
        Assert.Equal("南京市第五人民医院", f5.Name);
        Assert.Equal(50, f5.Settlements);
        Assert.Equal(30000m, f5.MeanFen);
        Assert.Equal(12000m, f5.PeerMedianFen);
        Assert.Equal(2.5m, f5.Ratio);
        Assert.Equal(18000m / 1482.6m, f5.RobustZ);
        Assert.Equal((5, false), (f5.Peers, f5.PeersEverywhere));
        Assert.True(f5.R12Alert);
    }

    [Fact]
    public async Task BuildAsync_SmallCity_PeersOfSameKindAndLevelEverywhere()
    {
        var f7 = (await BasicCity.BuildAsync(Facilities())).TopFacilities[1];
        Assert.Equal(12500m, f7.PeerMedianFen);
        Assert.Equal(1.92m, f7.Ratio);
        Assert.Equal(11500m / 2965.2m, f7.RobustZ);
        Assert.Equal((6, true), (f7.Peers, f7.PeersEverywhere));
        Assert.False(f7.R12Alert); // its R12 alert is withdrawn
    }

    [Fact]
    public async Task BuildAsync_ZeroMad_NoRobustZ()
    {
        var f8 = (await BasicCity.BuildAsync(Facilities())).TopFacilities.Single(f => f.FacilityId == "F8");
        Assert.Null(f8.RobustZ);
        Assert.Equal(1m, f8.Ratio);
        Assert.Equal(string.Empty, f8.Name);
    }

    [Fact]
    public async Task BuildAsync_RegionFilter_ListsRegionButComparesWithAllPeers()
    {
        var top = (await BasicCity.BuildAsync(Facilities(), region: "3202")).TopFacilities;
        var f7 = Assert.Single(top);
        Assert.Equal(("F7", 1, 12500m), (f7.FacilityId, f7.Rank, f7.PeerMedianFen));
    }

    [Fact]
    public async Task BuildAsync_PolicyThresholds_MirrorR12()
    {
        // 40 settlements minimum leaves F3 and F5 in 3201, fewer than 5: both compare with each other everywhere.
        var policy = new CostOutlierPolicy { FacilityMinSettlements = 40, PeerGroupMinFacilities = 5 };
        var top = (await BasicCity.BuildAsync(Facilities(), policy: policy)).TopFacilities;
        Assert.Equal(["F5", "F3"], top.Select(f => f.FacilityId));
        Assert.Equal(21000m, top[0].PeerMedianFen);
        Assert.True(top[0].PeersEverywhere);
        Assert.Equal(new FacilityCriteria(40, 5), (await BasicCity.BuildAsync(Facilities(), policy: policy)).FacilityCriteria);
    }

    [Fact]
    public async Task BuildAsync_TwelveFacilities_TopTenByRatio()
    {
        var s = new InMemoryAnalyticsStore();
        for (var i = 1; i <= 12; i++)
        {
            s.FacilityMonths.Add(Fm(M, $"C{i:00}", "clinic", 1, "320501", 30, i * 1000));
        }

        var top = (await BasicCity.BuildAsync(s)).TopFacilities;
        Assert.Equal(10, top.Count);
        Assert.Equal(Enumerable.Range(3, 10).Reverse().Select(i => $"C{i:00}"), top.Select(f => f.FacilityId));
        Assert.Equal(6500m, top[0].PeerMedianFen);
        Assert.Equal(12000m / 6500m, top[0].Ratio);
    }

    /// <summary>HTN: H01..H05 with totals 1000..4000 and 50000 (H05 over two levels), median 3000; T2DM: D01..D03 5000, 6000, 40000, median 6000.</summary>
    private static InMemoryAnalyticsStore Patients()
    {
        var s = new InMemoryAnalyticsStore();
        s.Diseases.AddRange([new DiseaseRow("HTN", "高血压", 10000), new DiseaseRow("T2DM", "2型糖尿病", 0)]);
        s.PatientMonths.AddRange(
        [
            Pm(M, "H01", "HTN", 1, "320102", 1, drug: 1000),
            Pm(M, "H02", "HTN", 1, "320102", 1, drug: 2000),
            Pm(M, "H03", "HTN", 1, "320102", 1, drug: 3000),
            Pm(M, "H04", "HTN", 1, "320102", 1, drug: 4000),
            Pm(M, "H05", "HTN", 1, "320102", 1, drug: 30000),
            Pm(M, "H05", "HTN", 3, "320102", 1, exam: 20000),
            Pm(M, "D01", "T2DM", 1, "330100", 1, drug: 5000),
            Pm(M, "D02", "T2DM", 1, "330100", 1, drug: 6000),
            Pm(M, "D03", "T2DM", 2, "330100", 1, drug: 40000),
        ]);
        s.Alerts.AddRange(
        [
            Alert("R13:H05:HTN:2026-03", "R13", "2026-03-01T00:00:00+08:00", patient: "H05", period: M, evidence: "{\"disease_code\":\"HTN\"}"),
            Alert("R13:D03:HTN:2026-03", "R13", "2026-03-01T00:00:00+08:00", patient: "D03", period: M, evidence: "{\"disease_code\":\"HTN\"}"),
            Alert("R13:D02:2026-03", "R13", "2026-03-01T00:00:00+08:00", patient: "D02", period: M),
        ]);
        return s;
    }

    [Fact]
    public async Task BuildAsync_TopPatients_TotalsOverLevelsAgainstDiseaseMedian()
    {
        var top = (await BasicCity.BuildAsync(Patients())).TopPatients;
        // By multiple of the disease median (HTN 3000, T2DM 6000); a tie (D02 and H03 at 1×) by the larger total.
        Assert.Equal(["H05", "D03", "H04", "D02", "H03", "D01", "H02", "H01"], top.Select(p => p.PatientKey));
        var h05 = top[0];
        Assert.Equal((50000L, 3000m, 5L, "高血压"), (h05.TotalFen, h05.DiseaseMedianFen, h05.DiseasePatients, h05.DiseaseName));
        Assert.Equal(50000m / 3000m, h05.Ratio);
        Assert.Equal(40000m / 6000m, top[1].Ratio);
    }

    [Fact]
    public async Task BuildAsync_R13Flag_MatchesPatientAndEvidenceDisease()
    {
        var top = (await BasicCity.BuildAsync(Patients())).TopPatients.ToDictionary(p => p.PatientKey);
        Assert.True(top["H05"].R13Alert);
        Assert.False(top["D03"].R13Alert); // its alert names HTN
        Assert.True(top["D02"].R13Alert); // no disease in the evidence: the patient decides
        Assert.False(top["H04"].R13Alert);
    }

    [Fact]
    public async Task BuildAsync_TopPatientsInRegion_MedianStillOverAllRegions()
    {
        var top = (await BasicCity.BuildAsync(Patients(), region: "33")).TopPatients;
        Assert.Equal(["D03", "D02", "D01"], top.Select(p => p.PatientKey));
        Assert.Equal(6000m, top[0].DiseaseMedianFen);
    }

    [Fact]
    public async Task BuildAsync_QuotaUse_ShareOfPatientsAboveQuota()
    {
        // HTN quota 10000: drug per patient 1000, 2000, 3000, 4000, 30000 → mean 8000, one above.
        var quota = (await BasicCity.BuildAsync(Patients())).QuotaUse.ToDictionary(q => q.DiseaseCode);
        var htn = quota["HTN"];
        Assert.Equal((10000L, 5L, 8000m, 0.8m, 1L, 0.2m), (htn.QuotaFen, htn.PatientsWithDrug, htn.MeanDrugFen, htn.MeanToQuota, htn.OverQuota, htn.OverQuotaShare));
    }

    [Fact]
    public async Task BuildAsync_QuotaUse_DrugSummedOverLevelsExactQuotaNotAbove()
    {
        var s = new InMemoryAnalyticsStore();
        s.Diseases.Add(new DiseaseRow("HTN", "高血压", 10000));
        s.PatientMonths.AddRange(
        [
            Pm(M, "P1", "HTN", 1, "320102", 1, drug: 6000),
            Pm(M, "P1", "HTN", 2, "320102", 1, drug: 5000), // 11000 over two levels: above
            Pm(M, "P3", "HTN", 1, "320102", 1, drug: 8000),
            Pm(M, "P4", "HTN", 1, "320102", 1, exam: 3000), // no drug: not counted
            Pm(M, "P5", "HTN", 1, "320102", 1, drug: 10000), // exactly the quota: not above
        ]);
        var htn = Assert.Single((await BasicCity.BuildAsync(s)).QuotaUse);
        Assert.Equal(3, htn.PatientsWithDrug);
        Assert.Equal(29000m / 3, htn.MeanDrugFen);
        Assert.Equal(1, htn.OverQuota);
        Assert.Equal(1m / 3, htn.OverQuotaShare);
    }

    [Fact]
    public async Task BuildAsync_NoQuota_RatiosNull()
    {
        var t2dm = (await BasicCity.BuildAsync(Patients())).QuotaUse.Single(q => q.DiseaseCode == "T2DM");
        Assert.Equal((0L, 3L, 0L), (t2dm.QuotaFen, t2dm.PatientsWithDrug, t2dm.OverQuota));
        Assert.Null(t2dm.MeanToQuota);
        Assert.Null(t2dm.OverQuotaShare);
    }
}
