using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.Rules;
using ChronicCare.Monitor.Tests.Support;
using Xunit;
using static ChronicCare.Monitor.Tests.Support.SettlementBuilder;

namespace ChronicCare.Monitor.Tests.Rules;

/// <summary>The month aggregates R12/R13 read in batch mode: non-reversed settlements by service month (contract §3).</summary>
public sealed class CostLedgerTests
{
    [Fact]
    public void Aggregates_ReversalAndDuplicate_CountNothing()
    {
        var costs = new ChronicCare.Monitor.Rules.CostLedger();
        var engine = new ChronicCare.Monitor.Engine.DetectionEngine(DetectionPolicy.Default, World.Reference(), TimeProvider.System) { Costs = costs };
        engine.Apply(S("S1").On("2026-03-01").Drug(World.Amlodipine, amount: 10m).Build());
        engine.Apply(S("S1").On("2026-03-01").Drug(World.Amlodipine, amount: 10m).Build());
        engine.Apply(S("S2").On("2026-03-31").Drug(World.Amlodipine, amount: 5.5m).Build());
        engine.Apply(S("S3").On("2026-04-01").Drug(World.Amlodipine, amount: 7m).Build());
        engine.Apply(new Reversal { SettlementId = "S3", ReversedAt = Ts("2026-04-02T09:00:00+08:00") });
        engine.Apply(new Reversal { SettlementId = "S4", ReversedAt = Ts("2026-04-02T09:00:00+08:00") });
        engine.Apply(S("S4").On("2026-04-01").Drug(World.Amlodipine, amount: 9m).Build());

        Assert.Equal(["2026-03"], costs.Months);
        var f = Assert.Single(costs.Facilities("2026-03", World.Reference()));
        Assert.Equal((World.Hospital, 2, 15.5m), (f.FacilityId, f.Settlements, f.TotalAmount));
        Assert.Equal(15.5m, Assert.Single(costs.Patients("2026-03")).TotalAmount);
        Assert.Empty(costs.Patients("2026-04"));
    }

    [Fact]
    public void Aggregates_ReversalOfAPrunedSettlement_StopsCountingIt()
    {
        // contract §2: a reversed settlement counts for nothing, also when the engine pruned it long ago (the store's
        // rollups exclude it too, so detect and close-month agree).
        var costs = new ChronicCare.Monitor.Rules.CostLedger();
        var engine = new ChronicCare.Monitor.Engine.DetectionEngine(DetectionPolicy.Default with { AllowedLatenessDays = 10 }, World.Reference(), TimeProvider.System) { Costs = costs };
        engine.Apply(S("S1").On("2025-01-10").Drug(World.Amlodipine, amount: 10m).Build());
        engine.Flush();
        engine.Apply(S("S2").On("2026-02-01").Drug(World.Amlodipine, amount: 5m).Build());
        engine.Flush();
        engine.Flush();
        Assert.Equal(1, engine.Stats.SettlementsPruned);

        engine.Apply(new Reversal { SettlementId = "S1", ReversedAt = Ts("2026-02-02T09:00:00+08:00") });

        Assert.Empty(costs.Patients("2025-01"));
        Assert.Equal(["2026-02"], costs.Months);
    }

    [Fact]
    public void For_OutlierPatient_R13AlertWithPeriodSubjectAndEvidence()
    {
        var patients = Enumerable.Range(1, 20).Select(i => new PatientDiseaseMonth($"P{i:00}", "HTN", 100m)).Append(new PatientDiseaseMonth("P99", "HTN", 300.01m));
        var alerts = CostOutlierAlerts.For("2026-03", [], patients, DetectionPolicy.Default, DateTimeOffset.UnixEpoch);

        var a = Assert.Single(alerts);
        Assert.Equal("R13:P99:HTN:2026-03", a.AlertId);
        Assert.Equal(("R13", "P99", (string?)null, (string?)null, "2026-03", "2026-03-01T00:00:00+08:00", AlertStatus.Open),
            (a.Rule, a.PatientId, a.SettlementId, a.FacilityId, a.Period, a.EventTime, a.Status));
        Assert.Contains("\"month_total\":300.01", a.EvidenceJson, StringComparison.Ordinal);
        Assert.Contains("\"disease_median\":100", a.EvidenceJson, StringComparison.Ordinal);
    }

    [Fact]
    public void For_ExactlyThreeTimesTheMedian_NoAlert()
    {
        // "exceeds 3 × the median": equal is not over.
        var patients = Enumerable.Range(1, 20).Select(i => new PatientDiseaseMonth($"P{i:00}", "HTN", 100m)).Append(new PatientDiseaseMonth("P99", "HTN", 300m));
        Assert.Empty(CostOutlierAlerts.For("2026-03", [], patients, DetectionPolicy.Default, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void For_OutlierFacility_R12AlertWithNoPatientOrSettlement()
    {
        var peers = new[] { 100m, 102m, 98m, 101m, 99m, 250m }
            .Select((mean, i) => new FacilityMonth($"F{i}", FacilityKind.Hospital, 2, "3207", 30, mean * 30));
        var a = Assert.Single(CostOutlierAlerts.For("2026-03", peers, [], DetectionPolicy.Default, DateTimeOffset.UnixEpoch));

        Assert.Equal(("R12:F5:2026-03", (string?)null, (string?)null, "F5"), (a.AlertId, a.PatientId, a.SettlementId, a.FacilityId));
        Assert.Contains("\"peer_group\":\"same_kind_level_city\"", a.EvidenceJson, StringComparison.Ordinal);
    }

    private static Timestamp Ts(string s) => IsoTimestamp.TryParse(s, out var t) ? t : throw new ArgumentException(s);
}
