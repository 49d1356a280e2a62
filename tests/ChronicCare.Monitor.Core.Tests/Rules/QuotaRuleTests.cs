using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Tests.Support;
using Xunit;
using static ChronicCare.Monitor.Tests.Support.SettlementBuilder;

namespace ChronicCare.Monitor.Tests.Rules;

/// <summary>
/// R11 QUOTA_EXCEEDED, contract §3: "with the patient's non-reversed settlements of the same disease in the same
/// calendar month (quarter for a long prescription, limit × 3) in the order of the supply model, the running sum of
/// drug-line amounts including this settlement exceeds the disease's `monthly_quota`". HTN's quota is 200.
/// Settlements of one test use different drugs so the supply rules stay quiet.
/// </summary>
public sealed class QuotaRuleTests
{
    [Fact]
    public void Evaluate_MonthSumEqualsQuota_NoAlert()
    {
        // "exceeds": 120 + 80 = 200 is not over 200.
        var d = EngineDriver.Run(
            S("S1").On("2026-03-01").Drug("D1", amount: 120m),
            S("S2").On("2026-03-10").Drug("D2", amount: 80m));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_MonthSumOneCentOver_SecondAlerts()
    {
        // "the running sum ... including this settlement": 120 + 80.01 = 200.01 > 200 on S2, S1 alone is fine.
        var d = EngineDriver.Run(
            S("S1").On("2026-03-01").Drug("D1", amount: 120m),
            S("S2").On("2026-03-10").Drug("D2", amount: 80.01m));
        Assert.Equal(["R11:S2"], d.OpenIds);
        Assert.Contains("\"running_sum\":200.01", d.OpenAlert("R11", "S2").EvidenceJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LaterSettlementsInTheMonthAlsoOver_EachAlerts()
    {
        // The running sum stays over for every later settlement of the month.
        var d = EngineDriver.Run(
            S("S1").On("2026-03-01").Drug("D1", amount: 150m),
            S("S2").On("2026-03-10").Drug("D2", amount: 60m),
            S("S3").On("2026-03-20").Drug("D3", amount: 1m));
        Assert.Equal(["R11:S2", "R11:S3"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_MonthCrossing_SumResets()
    {
        // "the same calendar month": 03-31 and 04-01 are different months.
        var d = EngineDriver.Run(
            S("S1").On("2026-03-31").Drug("D1", amount: 120m),
            S("S2").On("2026-04-01").Drug("D2", amount: 100m));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_ExamLines_DoNotCount()
    {
        // "the running sum of drug-line amounts": S1's 100 exam is not counted, 120 + 80 = 200.
        var d = EngineDriver.Run(
            S("S1").On("2026-03-01").Drug("D1", amount: 120m).Exam(100m),
            S("S2").On("2026-03-10").Drug("D2", amount: 80m).Exam(50m));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_SingleSettlementOverQuota_R11()
    {
        var d = EngineDriver.Run(S("S1").On("2026-03-01").Drug("D1", amount: 100m).Drug("D2", amount: 100.01m));
        Assert.Equal(["R11:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_OtherDisease_SeparateSum()
    {
        // "of the same disease": HTN 150 and CHD 150 in one month are each under their quota.
        var d = EngineDriver.Run(
            World.Reference(World.Patient("P1", diseases:
            [
                new DiseaseApproval("HTN", new DateOnly(2025, 6, 10), new DateOnly(2027, 6, 9)),
                new DiseaseApproval("CHD", new DateOnly(2025, 6, 10), new DateOnly(2027, 6, 9)),
            ])),
            S("S1").On("2026-03-01").Drug("D1", amount: 150m),
            S("S2").On("2026-03-10").Disease("CHD").Drug(World.Atorvastatin, amount: 150m));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_LongPrescriptionQuarterAtLimit_NoAlert()
    {
        // "quarter for a long prescription, limit × 3": 200 × 3 = 600 over Q1; 3 × 200 = 600 is not over.
        var d = EngineDriver.Run(
            S("S1").On("2026-01-05").Long().Drug("D1", amount: 200m),
            S("S2").On("2026-02-05").Long().Drug("D2", amount: 200m),
            S("S3").On("2026-03-05").Long().Drug("D3", amount: 200m));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_LongPrescriptionQuarterOneCentOver_R11()
    {
        var d = EngineDriver.Run(
            S("S1").On("2026-01-05").Long().Drug("D1", amount: 200m),
            S("S2").On("2026-02-05").Long().Drug("D2", amount: 200m),
            S("S3").On("2026-03-05").Long().Drug("D3", amount: 200.01m));
        Assert.Equal(["R11:S3"], d.OpenIds);
        Assert.Contains("\"limit\":600", d.OpenAlert("R11", "S3").EvidenceJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LongPrescriptionOver200InOneMonth_NoAlert()
    {
        // A long prescription is judged against the quarter limit, not the month: 450 in March is under 600.
        var d = EngineDriver.Run(S("S1").On("2026-03-05").Long().Drug("D1", amount: 450m));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_LongPrescriptionNewQuarter_SumResets()
    {
        // Q2 starts on 04-01: the April settlement's quarter sum is 200.
        var d = EngineDriver.Run(
            S("S1").On("2026-01-05").Long().Drug("D1", amount: 200m),
            S("S2").On("2026-02-05").Long().Drug("D2", amount: 200m),
            S("S3").On("2026-03-05").Long().Drug("D3", amount: 200m),
            S("S4").On("2026-04-05").Long().Drug("D4", amount: 200m));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_ReversedSettlement_NoLongerCountsAndAlertWithdrawn()
    {
        // contract §2 reversal: "from then on the settlement counts for nothing (no supply, no cost, no quota), and every
        // alert raised because of it is withdrawn".
        var d = new EngineDriver().ApplyEach(
            S("S1").On("2026-03-01").Drug("D1", amount: 120m),
            S("S2").On("2026-03-10").Drug("D2", amount: 100m));
        Assert.Equal(["R11:S2"], d.OpenIds);

        d.ApplyEach(new Reversal { SettlementId = "S1", ReversedAt = Ts("2026-03-12T10:00:00+08:00") });
        Assert.Empty(d.OpenIds);
        Assert.Equal(AlertStatus.Withdrawn, d.Alerts["R11:S2"].Status);
    }

    [Fact]
    public void Evaluate_ReversalBeforeItsSettlement_NeverCounts()
    {
        // contract §2: "A reversal that arrives before its settlement is kept and applied when the settlement arrives".
        var d = new EngineDriver().ApplyEach(
            new Reversal { SettlementId = "S1", ReversedAt = Ts("2026-03-12T10:00:00+08:00") },
            S("S1").On("2026-03-01").Drug("D1", amount: 120m),
            S("S2").On("2026-03-10").Drug("D2", amount: 100m));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_LateEarlierSettlement_PushesLaterOneOver()
    {
        // "in the order of the supply model": a late earlier settlement raises the later one's running sum.
        var d = new EngineDriver().ApplyEach(S("S2").On("2026-03-10").Drug("D2", amount: 100m));
        Assert.Empty(d.OpenIds);

        d.ApplyEach(S("S1").On("2026-03-01").Drug("D1", amount: 120m));
        Assert.Equal(["R11:S2"], d.OpenIds);
    }

    private static Timestamp Ts(string s) => IsoTimestamp.TryParse(s, out var t) ? t : throw new ArgumentException(s);
}
