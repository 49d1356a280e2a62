using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Report;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Reporting.Tests.Support;
using Xunit;
using static ChronicCare.Monitor.Reporting.Tests.Support.Rows;

namespace ChronicCare.Monitor.Reporting.Tests.Builder;

/// <summary>Alerts by rule, severity and triage status (latest decision wins), and sanctions, over <see cref="BasicCity"/>.</summary>
public sealed class ReportBuilderAlertTests
{
    private static InMemoryAnalyticsStore Store()
    {
        var s = BasicCity.Store();
        s.Facilities.Add(new FacilityRow("F1", "城东社区卫生服务中心", "community", 1, "320101"));
        s.Alerts.AddRange(
        [
            Alert("R01:S1", "R01", "2026-03-02T09:00:00+08:00", patient: "P1"),
            Alert("R03:S2", "R03", "2026-03-03T09:00:00+08:00", severity: Severity.High, patient: "P1"),
            Alert("R05:S3", "R05", "2026-03-04T09:00:00+08:00", severity: Severity.High, patient: "P2"),
            Alert("R01:S4", "R01", "2026-03-05T09:00:00+08:00", status: AlertStatus.Withdrawn, patient: "P1"),
            Alert("R04:S5", "R04", "2026-03-06T09:00:00+08:00", severity: Severity.Low, patient: "PX", facility: "F1"),
            Alert("R10:S6", "R10", "2026-03-07T09:00:00+08:00", severity: Severity.Low, patient: "PY"),
            Alert("R01:S0", "R01", "2026-02-27T09:00:00+08:00", patient: "P1"), // February: not this month's
        ]);

        // R01:S1 confirmed then dismissed; R03:S2 dismissed then confirmed (given out of order); the withdrawn one confirmed.
        s.Decisions.AddRange(
        [
            Decide("R03:S2", "P1", ReviewVerdict.Confirm, "2026-03-20T10:00:00+08:00"),
            Decide("R01:S1", "P1", ReviewVerdict.Confirm, "2026-03-10T10:00:00+08:00"),
            Decide("R01:S1", "P1", ReviewVerdict.Dismiss, "2026-03-11T10:00:00+08:00"),
            Decide("R03:S2", "P1", ReviewVerdict.Dismiss, "2026-03-12T10:00:00+08:00"),
            Decide("R01:S4", "P1", ReviewVerdict.Confirm, "2026-03-12T10:00:00+08:00"),
        ]);
        s.Actions.AddRange(
        [
            Action("A1", "P1", ActionKind.Warning, "2026-03-02T09:00:00+08:00", automatic: true),
            Action("A2", "P2", ActionKind.Warning, "2026-03-04T09:00:00+08:00", automatic: true),
            Action("A3", "P1", ActionKind.SelfPay, "2026-03-20T10:00:00+08:00", automatic: false),
            Action("A4", "PZ", ActionKind.Suspend, "2026-03-21T10:00:00+08:00", automatic: true),
            Action("A0", "P1", ActionKind.Warning, "2026-02-21T10:00:00+08:00", automatic: true),
        ]);
        return s;
    }

    [Fact]
    public async Task BuildAsync_Triage_LatestDecisionDecidesWithdrawnApart()
    {
        var a = (await BasicCity.BuildAsync(Store())).Alerts;
        Assert.Equal(new AlertCounts(Untriaged: 3, Confirmed: 1, Dismissed: 1, Withdrawn: 1), a.Total);
        var byRule = a.ByRule.ToDictionary(x => x.Rule);
        Assert.Equal(new AlertCounts(0, 0, 1, 1), byRule["R01"].Counts);
        Assert.Equal(new AlertCounts(0, 1, 0, 0), byRule["R03"].Counts);
        Assert.Equal(new AlertCounts(1, 0, 0, 0), byRule["R05"].Counts);
        Assert.Equal(AlertCounts.Zero, byRule["R15"].Counts);
    }

    [Fact]
    public async Task BuildAsync_ByRule_AllFifteenRulesWithNames()
    {
        var rules = (await BasicCity.BuildAsync(Store())).Alerts.ByRule;
        Assert.Equal(Enumerable.Range(1, 15).Select(i => $"R{i:00}"), rules.Select(x => x.Rule));
        Assert.Equal("重复开药", rules[0].NameZh);
        Assert.Equal("OVERLAPPING_SUPPLY", rules[0].Name);
    }

    [Fact]
    public async Task BuildAsync_BySeverity_HighMediumLow()
    {
        var severities = (await BasicCity.BuildAsync(Store())).Alerts.BySeverity;
        Assert.Equal([Severity.High, Severity.Medium, Severity.Low], severities.Select(x => x.Severity));
        Assert.Equal([2L, 2L, 2L], severities.Select(x => x.Counts.Total));
    }

    [Fact]
    public async Task BuildAsync_RegionFilter_AlertsByPatientElseFacilityRegion()
    {
        // 3201: P1's three (320102) and PX's at F1 (320101); P2 is 320205 and PY is unknown with no facility.
        var a = (await BasicCity.BuildAsync(Store(), region: "3201")).Alerts;
        Assert.Equal(4, a.Total.Total);
        Assert.Equal(1, a.ByRule.Single(x => x.Rule == "R04").Counts.Total);
        Assert.Equal(0, a.ByRule.Single(x => x.Rule == "R05").Counts.Total);
    }

    [Fact]
    public async Task BuildAsync_UnknownRule_ListedAfterTheCatalog()
    {
        var store = Store();
        store.Alerts.Add(Alert("R99:S9", "R99", "2026-03-09T09:00:00+08:00", patient: "P1"));
        var rules = (await BasicCity.BuildAsync(store)).Alerts.ByRule;
        Assert.Equal("R99", rules[^1].Rule);
        Assert.Equal(1, rules[^1].Counts.Untriaged);
    }

    [Fact]
    public async Task BuildAsync_Sanctions_ByKindAutomaticOrReviewer()
    {
        var s = (await BasicCity.BuildAsync(Store())).Sanctions;
        Assert.Equal(Enum.GetValues<ActionKind>(), s.ByKind.Select(k => k.Kind));
        var byKind = s.ByKind.ToDictionary(k => k.Kind);
        Assert.Equal((2L, 0L), (byKind[ActionKind.Warning].Automatic, byKind[ActionKind.Warning].ByReviewer));
        Assert.Equal((0L, 1L), (byKind[ActionKind.SelfPay].Automatic, byKind[ActionKind.SelfPay].ByReviewer));
        Assert.Equal(1, byKind[ActionKind.Suspend].Automatic);
        Assert.Equal((3L, 1L, 4L), (s.Automatic, s.ByReviewer, s.Total));
        Assert.Equal("个人先行自付", byKind[ActionKind.SelfPay].NameZh);
    }

    [Fact]
    public async Task BuildAsync_SanctionsInRegion_OnlyKnownPatientsOfThatRegion()
    {
        var s = (await BasicCity.BuildAsync(Store(), region: "3201")).Sanctions;
        Assert.Equal((1L, 1L), (s.Automatic, s.ByReviewer)); // P1's WARNING and SELF_PAY
    }
}
