using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Reference;
using ChronicCare.Monitor.Tests.Support;
using Xunit;
using static ChronicCare.Monitor.Tests.Support.SettlementBuilder;

namespace ChronicCare.Monitor.Tests.Rules;

/// <summary>
/// R14 CARD_COLLECTION, contract §3: "a settlement S whose identity method is not `proxy`, where the settlements with
/// the same `presenter_id` and a method other than `proxy`, settled in (S.settled_at − 30 days, S.settled_at], belong
/// to &gt;= 3 different patients. Note: this state is keyed by presenter, not by patient".
/// Presenter H9 settles for P1..P4, each with their own card.
/// </summary>
public sealed class CardCollectionRuleTests
{
    [Fact]
    public void Evaluate_ThreePatientsWithin30Days_ThirdAlerts()
    {
        // ">= 3 different patients" in the window ending at S3; S1 and S2 see only 1 and 2.
        var d = EngineDriver.Run(
            Reference(),
            S("S1").On("2026-03-01").Patient("P1").Presenter("H9"),
            S("S2").On("2026-03-10").Patient("P2").Presenter("H9"),
            S("S3").On("2026-03-20").Patient("P3").Presenter("H9"));
        Assert.Equal(["R14:S3"], d.OpenIds);
        Assert.Contains("\"distinct_patients\":3", d.OpenAlert("R14", "S3").EvidenceJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LaterOneWithinWindow_AlsoAlerts()
    {
        // S4 (P1 again, 03-25) still sees P1, P2, P3 in (02-23, 03-25]. D1 keeps P1's supply rules quiet.
        var d = EngineDriver.Run(
            Reference(),
            S("S1").On("2026-03-01").Patient("P1").Presenter("H9"),
            S("S2").On("2026-03-10").Patient("P2").Presenter("H9"),
            S("S3").On("2026-03-20").Patient("P3").Presenter("H9"),
            S("S4").On("2026-03-25").Patient("P1").Presenter("H9").Drug("D1"));
        Assert.Equal(["R14:S3", "R14:S4"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_TwoPatients_NoAlert()
    {
        // Three settlements but only two different patients.
        var d = EngineDriver.Run(
            Reference(),
            S("S1").On("2026-03-01").Patient("P1").Presenter("H9"),
            S("S2").On("2026-03-10").Patient("P2").Presenter("H9"),
            S("S3").On("2026-03-20").Patient("P1").Presenter("H9").Drug("D1"));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_FirstExactly30DaysBefore_OutsideWindow()
    {
        // "(S.settled_at − 30 days, S.settled_at]": exactly 30 days before S3 is excluded.
        var d = EngineDriver.Run(
            Reference(),
            S("S1").At("2026-03-01T09:00:00+08:00").Patient("P1").Presenter("H9"),
            S("S2").At("2026-03-15T09:00:00+08:00").Patient("P2").Presenter("H9"),
            S("S3").At("2026-03-31T09:00:00+08:00").Patient("P3").Presenter("H9"));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_First30DaysMinusOneSecondBefore_InsideWindow()
    {
        var d = EngineDriver.Run(
            Reference(),
            S("S1").At("2026-03-01T09:00:01+08:00").Patient("P1").Presenter("H9"),
            S("S2").At("2026-03-15T09:00:00+08:00").Patient("P2").Presenter("H9"),
            S("S3").At("2026-03-31T09:00:00+08:00").Patient("P3").Presenter("H9"));
        Assert.Equal(["R14:S3"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_WindowIsByInstantNotLocalDate()
    {
        // 2026-03-01T01:00:01Z is 09:00:01+08:00: inside the window ending 2026-03-31T09:00:00+08:00.
        var d = EngineDriver.Run(
            Reference(),
            S("S1").At("2026-03-01T01:00:01Z").Patient("P1").Presenter("H9"),
            S("S2").At("2026-03-15T09:00:00+08:00").Patient("P2").Presenter("H9"),
            S("S3").At("2026-03-31T09:00:00+08:00").Patient("P3").Presenter("H9"));
        Assert.Equal(["R14:S3"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_SameInstantAsS_InsideWindow()
    {
        // The window is closed at S.settled_at: S2 at the same instant as S3 counts.
        var d = EngineDriver.Run(
            Reference(),
            S("S1").At("2026-03-01T09:00:00+08:00").Patient("P1").Presenter("H9"),
            S("S2").At("2026-03-20T09:00:00+08:00").Patient("P2").Presenter("H9"),
            S("S3").At("2026-03-20T09:00:00+08:00").Patient("P3").Presenter("H9"));
        Assert.Equal(["R14:S2", "R14:S3"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_ProxySettlementInTheMiddle_DoesNotCount()
    {
        // "the settlements with the same presenter_id and a method other than proxy": P2's proxy purchase is not counted.
        var d = EngineDriver.Run(
            Reference(),
            S("S1").On("2026-03-01").Patient("P1").Presenter("H9"),
            S("S2").On("2026-03-10").Patient("P2").Identity(IdentityMethod.Proxy, proxyId: "F1", presenter: "H9"),
            S("S3").On("2026-03-20").Patient("P3").Presenter("H9"));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_ProxySettlementAsThird_NeverAlerts()
    {
        // "a settlement S whose identity method is not proxy": S4 by proxy is not judged, although 3 patients precede it.
        var d = EngineDriver.Run(
            Reference(),
            S("S1").On("2026-03-01").Patient("P1").Presenter("H9"),
            S("S2").On("2026-03-10").Patient("P2").Presenter("H9"),
            S("S3").On("2026-03-20").Patient("P3").Presenter("H9"),
            S("S4").On("2026-03-25").Patient("P4").Identity(IdentityMethod.Proxy, proxyId: "F1", presenter: "H9"));
        Assert.Equal(["R14:S3"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_OnlyLaterSettlements_DoNotCount()
    {
        // The window ends at S.settled_at: S1 and S2 do not see the later S3.
        var d = EngineDriver.Run(
            Reference(),
            S("S3").On("2026-03-20").Patient("P3").Presenter("H9"),
            S("S2").On("2026-03-10").Patient("P2").Presenter("H9"),
            S("S1").On("2026-03-01").Patient("P1").Presenter("H9"));
        Assert.Equal(["R14:S3"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_LateEarlierSettlementOfAnotherPatient_RaisesAlert()
    {
        // contract §3 "Order independence" across patients: the state is keyed by presenter.
        var d = new EngineDriver(Reference()).ApplyEach(
            S("S3").On("2026-03-20").Patient("P3").Presenter("H9"),
            S("S2").On("2026-03-10").Patient("P2").Presenter("H9"));
        Assert.Empty(d.OpenIds);

        d.ApplyEach(S("S1").On("2026-03-01").Patient("P1").Presenter("H9"));
        Assert.Equal(["R14:S3"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_ReversalOfAnotherPatientsSettlement_Withdraws()
    {
        // contract §2 reversal: "every alert raised because of it is withdrawn".
        var d = new EngineDriver(Reference()).ApplyEach(
            S("S1").On("2026-03-01").Patient("P1").Presenter("H9"),
            S("S2").On("2026-03-10").Patient("P2").Presenter("H9"),
            S("S3").On("2026-03-20").Patient("P3").Presenter("H9"));
        Assert.Equal(["R14:S3"], d.OpenIds);

        d.ApplyEach(new Reversal { SettlementId = "S1", ReversedAt = Ts("2026-03-21T10:00:00+08:00") });
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_DifferentPresenters_NoAlert()
    {
        var d = EngineDriver.Run(
            Reference(),
            S("S1").On("2026-03-01").Patient("P1").Presenter("H9"),
            S("S2").On("2026-03-10").Patient("P2").Presenter("H9"),
            S("S3").On("2026-03-20").Patient("P3").Presenter("H8"));
        Assert.Empty(d.OpenIds);
    }

    private static ReferenceData Reference() => World.Reference(World.Patient("P2"), World.Patient("P3"), World.Patient("P4"));

    private static Timestamp Ts(string s) => IsoTimestamp.TryParse(s, out var t) ? t : throw new ArgumentException(s);
}
