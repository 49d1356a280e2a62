using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Reference;
using ChronicCare.Monitor.Tests.Support;
using Xunit;
using static ChronicCare.Monitor.Tests.Support.SettlementBuilder;

namespace ChronicCare.Monitor.Tests.Rules;

/// <summary>
/// R05 IDENTITY_MISMATCH, contract §3: "`identity.verified` is false; or method `face` with `face_score` &lt; 0.80
/// (a missing score counts as failed); or method `proxy` with no `proxy_id`; or the patient is known and `card_id`
/// is not in their `card_ids`; or the same `card_id` settled at facilities of two different cities (region[0..4])
/// within 60 minutes".
/// </summary>
public sealed class IdentityRuleTests
{
    [Fact]
    public void Evaluate_FaceScoreAtThreshold_NoAlert()
    {
        // "face_score < 0.80": 0.80 passes.
        var d = EngineDriver.Run(S("S1").Identity(IdentityMethod.Face, faceScore: 0.80m));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_FaceScoreJustBelowThreshold_R05()
    {
        // "face_score < 0.80".
        var d = EngineDriver.Run(S("S1").Identity(IdentityMethod.Face, faceScore: 0.79m));
        Assert.Equal(["R05:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_FaceScoreMissing_R05()
    {
        // "(a missing score counts as failed)".
        var d = EngineDriver.Run(S("S1").Identity(IdentityMethod.Face, faceScore: null));
        Assert.Equal(["R05:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_CardMethodWithoutFaceScore_NoAlert()
    {
        // The face score is only judged for method face.
        var d = EngineDriver.Run(S("S1").Identity(IdentityMethod.Card, faceScore: null));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_NotVerified_R05()
    {
        // "identity.verified is false".
        var d = EngineDriver.Run(S("S1").Identity(IdentityMethod.Card, verified: false));
        Assert.Equal(["R05:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_EVoucherNotVerified_R05()
    {
        var d = EngineDriver.Run(S("S1").Identity(IdentityMethod.EVoucher, verified: false));
        Assert.Equal(["R05:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_ProxyWithoutProxyId_R05()
    {
        // "method proxy with no proxy_id".
        var d = EngineDriver.Run(S("S1").Identity(IdentityMethod.Proxy, proxyId: null));
        Assert.Equal(["R05:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_ProxyWithProxyId_NoAlert()
    {
        var d = EngineDriver.Run(S("S1").Identity(IdentityMethod.Proxy, proxyId: "F1"));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_CardNotThePatients_R05()
    {
        // "the patient is known and card_id is not in their card_ids".
        var d = EngineDriver.Run(S("S1").Card("CX9"));
        Assert.Equal(["R05:S1"], d.OpenIds);
        Assert.Contains("card_not_patients", d.OpenAlert("R05", "S1").EvidenceJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AnotherPatientsCard_R05()
    {
        var d = EngineDriver.Run(World.Reference(World.Patient("P2")), S("S1").Card(World.CardOf("P2")));
        Assert.Equal(["R05:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_SecondCardOfThePatient_NoAlert()
    {
        var d = EngineDriver.Run(World.Reference(World.Patient("P1", cards: ["CP1", "EV-P1"])), S("S1").Card("EV-P1"));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_SameCardTwoCities60MinutesApart_BothAlert()
    {
        // "the same card_id settled at facilities of two different cities (region[0..4]) within 60 minutes":
        // FH1 is in 3207, FW1 in 3303; 60 minutes is within.
        var d = EngineDriver.Run(
            SharedCard(),
            S("S1").At("2026-03-01T09:00:00+08:00").Card("CP1").Facility(World.Hospital),
            S("S2").At("2026-03-01T10:00:00+08:00").Patient("P2").Card("CP1").Facility(World.WenzhouHospital));
        Assert.Equal(["R05:S1", "R05:S2"], d.OpenIds);
        Assert.Contains("same_card_two_cities", d.OpenAlert("R05", "S1").EvidenceJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SameCardTwoCities61MinutesApart_NoAlert()
    {
        var d = EngineDriver.Run(
            SharedCard(),
            S("S1").At("2026-03-01T09:00:00+08:00").Card("CP1").Facility(World.Hospital),
            S("S2").At("2026-03-01T10:01:00+08:00").Patient("P2").Card("CP1").Facility(World.WenzhouHospital));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_SameCardSameCity30MinutesApart_NoAlert()
    {
        // FH1 (320705) and FH2 (320706) are both in city 3207.
        var d = EngineDriver.Run(
            SharedCard(),
            S("S1").At("2026-03-01T09:00:00+08:00").Card("CP1").Facility(World.Hospital),
            S("S2").At("2026-03-01T09:30:00+08:00").Patient("P2").Card("CP1").Facility(World.Hospital2));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_SameCardTwoCitiesOffsetsDiffer_MinutesByInstant()
    {
        // Minutes are between instants: 01:30Z is 09:30+08:00, 30 minutes after S1.
        var d = EngineDriver.Run(
            SharedCard(),
            S("S1").At("2026-03-01T09:00:00+08:00").Card("CP1").Facility(World.Hospital),
            S("S2").At("2026-03-01T01:30:00Z").Patient("P2").Card("CP1").Facility(World.WenzhouHospital));
        Assert.Equal(["R05:S1", "R05:S2"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_SameCardTwoCitiesLaterOneArrivesFirst_BothAlert()
    {
        // contract §3 "Order independence": "a late event may raise alerts on settlements processed earlier".
        var d = new EngineDriver(SharedCard()).ApplyEach(
            S("S2").At("2026-03-01T10:00:00+08:00").Patient("P2").Card("CP1").Facility(World.WenzhouHospital),
            S("S1").At("2026-03-01T09:00:00+08:00").Card("CP1").Facility(World.Hospital));
        Assert.Equal(["R05:S1", "R05:S2"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_SameCardTwoCitiesOneReversed_BothWithdrawn()
    {
        // contract §2 reversal: "every alert raised because of it is withdrawn".
        var d = new EngineDriver(SharedCard()).ApplyEach(
            S("S1").At("2026-03-01T09:00:00+08:00").Card("CP1").Facility(World.Hospital),
            S("S2").At("2026-03-01T10:00:00+08:00").Patient("P2").Card("CP1").Facility(World.WenzhouHospital));
        Assert.Equal(["R05:S1", "R05:S2"], d.OpenIds);

        d.ApplyEach(new Reversal { SettlementId = "S2", ReversedAt = Ts("2026-03-01T11:00:00+08:00") });
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_SameCardSamePatientTwoCities_R05OnBoth()
    {
        // The same patient in two cities within 60 minutes (different drugs; FW1 is P1's second hospital, so R04 too).
        var d = EngineDriver.Run(
            S("S1").At("2026-03-01T09:00:00+08:00").Card("CP1").Facility(World.Hospital).Drug("D1"),
            S("S2").At("2026-03-01T09:45:00+08:00").Card("CP1").Facility(World.WenzhouHospital).Drug("D2"));
        Assert.Equal(["R04:S2", "R05:S1", "R05:S2"], d.OpenIds);
    }

    /// <summary>P2 also holds card CP1 (a shared e-voucher), so only the two-cities clause can fire.</summary>
    private static ReferenceData SharedCard() => World.Reference(World.Patient("P2", cards: ["CP2", "CP1"]));

    private static Timestamp Ts(string s) => IsoTimestamp.TryParse(s, out var t) ? t : throw new ArgumentException(s);
}
