using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Reference;
using ChronicCare.Monitor.Tests.Support;
using Xunit;
using static ChronicCare.Monitor.Tests.Support.SettlementBuilder;

namespace ChronicCare.Monitor.Tests.Integrity;

/// <summary>
/// Contract §5 automatic actions: "first over-prescribing incident (alerts R01, R02 or R03 of one patient on one
/// service date = one incident) → WARNING ... heightened monitoring for 12 months"; "R05 with a failed face check, or a
/// card not the patient's → SUSPEND"; "R06 because the patient is deceased or transferred → SUSPEND"; "an automatic
/// action whose triggering alerts have all been withdrawn is revoked (a REINSTATE record with automatic: true)".
/// §3: "an automatic action takes effect from the settled_at of the settlement that triggered it, and the patient's
/// settlements with a later settled_at are judged against it".
/// </summary>
public sealed class AutomaticActionsTests
{
    [Fact]
    public void Warning_FirstR02Incident_FromSettledAtFor12Months()
    {
        // §5 WARNING "heightened monitoring for 12 months"; §3 "takes effect from the settled_at of the settlement".
        var d = EngineDriver.Run(S("S1").At("2026-03-01T09:12:00+08:00").Drug(World.Amlodipine, 31));
        Assert.Equal(["R02:S1"], d.OpenIds);
        var w = Assert.Single(d.InForce);
        Assert.Equal("WARNING:P1:20260301", w.ActionId);
        Assert.Equal(ActionKind.Warning, w.Action);
        Assert.Equal("P1", w.PatientId);
        Assert.Equal("2026-03-01T09:12:00+08:00", w.EffectiveFrom.ToString());
        Assert.Equal("2027-03-01T09:12:00+08:00", w.EffectiveUntil?.ToString());
        Assert.Equal("R02", w.ReasonRule);
        Assert.Equal(["R02:S1"], w.AlertIds);
        Assert.True(w.Automatic);
        Assert.Null(w.DecidedBy);
        Assert.Null(w.Revokes);
    }

    [Fact]
    public void Warning_R01Incident_Warning()
    {
        var d = EngineDriver.Run(S("S1").On("2026-03-01").Drug(World.Amlodipine, 30), S("S2").On("2026-03-10").Drug(World.Amlodipine, 30));
        Assert.Equal(["R01:S2"], d.OpenIds);
        Assert.Equal(["WARNING:P1:20260310"], d.InForceIds);
    }

    [Fact]
    public void Warning_R03Incident_Warning()
    {
        var d = EngineDriver.Run(
            S("S1").On("2026-03-01").Facility(World.Hospital).Drug(World.Amlodipine, 30),
            S("S2").On("2026-03-10").Facility(World.Pharmacy).Drug(World.Amlodipine, 30));
        Assert.Equal(["R03:S2"], d.OpenIds);
        Assert.Equal(["WARNING:P1:20260310"], d.InForceIds);
    }

    [Fact]
    public void Warning_TwoSettlementsSameServiceDate_OneIncidentFromTheEarlier()
    {
        // "alerts R01, R02 or R03 of one patient on one service date = one incident".
        var d = EngineDriver.Run(
            S("S2").At("2026-03-01T15:00:00+08:00").Drug("D1", 31),
            S("S1").At("2026-03-01T09:00:00+08:00").Drug(World.Amlodipine, 31));
        var w = Assert.Single(d.InForce);
        Assert.Equal("WARNING:P1:20260301", w.ActionId);
        Assert.Equal("2026-03-01T09:00:00+08:00", w.EffectiveFrom.ToString());
        Assert.Equal(["R02:S1", "R02:S2"], w.AlertIds);
    }

    [Fact]
    public void Warning_SecondIncidentLaterDate_NoSecondWarning()
    {
        // Only the "first over-prescribing incident" is automatic; the second needs triage (SELF_PAY).
        var d = EngineDriver.Run(
            S("S1").On("2026-03-01").Drug(World.Amlodipine, 31),
            S("S2").On("2026-04-15").Drug("D1", 31));
        Assert.Equal(["R02:S1", "R02:S2"], d.OpenIds);
        Assert.Equal(["WARNING:P1:20260301"], d.InForceIds);
        Assert.Single(d.Actions);
    }

    [Fact]
    public void Warning_EarlierIncidentArrivesLate_WarningMovesToIt()
    {
        // §5 "the final set of actions in force does not depend on arrival order".
        var d = new EngineDriver().ApplyEach(S("S2").On("2026-04-15").Drug("D1", 31));
        Assert.Equal(["WARNING:P1:20260415"], d.InForceIds);

        d.ApplyEach(S("S1").On("2026-03-01").Drug(World.Amlodipine, 31));
        Assert.Equal(["WARNING:P1:20260301"], d.InForceIds);
        Assert.True(d.Actions.ContainsKey("REINSTATE:WARNING:P1:20260415"));
    }

    [Fact]
    public void Warning_DoesNotMakeLaterSettlementsIneligible()
    {
        // A WARNING is monitoring only; it is not a sanction for R06.
        var d = EngineDriver.Run(S("S1").On("2026-03-01").Drug(World.Amlodipine, 31), S("S2").On("2026-04-15").Drug("D1", 30));
        Assert.Equal(["R02:S1"], d.OpenIds);
    }

    [Fact]
    public void Suspend_FailedFaceCheck_Suspend()
    {
        // §5 "R05 with a failed face check → SUSPEND", open-ended.
        var d = EngineDriver.Run(S("S1").At("2026-03-01T09:12:00+08:00").Identity(IdentityMethod.Face, faceScore: 0.79m));
        Assert.Equal(["R05:S1"], d.OpenIds);
        var s = Assert.Single(d.InForce);
        Assert.Equal("SUSPEND:P1:S1", s.ActionId);
        Assert.Equal(ActionKind.Suspend, s.Action);
        Assert.Equal("2026-03-01T09:12:00+08:00", s.EffectiveFrom.ToString());
        Assert.Null(s.EffectiveUntil);
        Assert.Equal("R05", s.ReasonRule);
        Assert.Equal(["R05:S1"], s.AlertIds);
        Assert.True(s.Automatic);
    }

    [Fact]
    public void Suspend_FaceCheckWithoutScore_Suspend()
    {
        // "(a missing score counts as failed)".
        var d = EngineDriver.Run(S("S1").Identity(IdentityMethod.Face, faceScore: null));
        Assert.Equal(["SUSPEND:P1:S1"], d.InForceIds);
    }

    [Fact]
    public void Suspend_CardNotThePatients_Suspend()
    {
        // §5 "or a card not the patient's".
        var d = EngineDriver.Run(S("S1").Card("CX9"));
        Assert.Equal(["R05:S1"], d.OpenIds);
        Assert.Equal(["SUSPEND:P1:S1"], d.InForceIds);
    }

    [Fact]
    public void Suspend_CardMethodNotVerified_NoAction()
    {
        // verified=false with a card is R05 but neither a face check nor a foreign card: no automatic action.
        var d = EngineDriver.Run(S("S1").Identity(IdentityMethod.Card, verified: false));
        Assert.Equal(["R05:S1"], d.OpenIds);
        Assert.Empty(d.InForce);
        Assert.Empty(d.Actions);
    }

    [Fact]
    public void Suspend_ProxyWithoutProxyId_NoAction()
    {
        var d = EngineDriver.Run(S("S1").Identity(IdentityMethod.Proxy, proxyId: null));
        Assert.Equal(["R05:S1"], d.OpenIds);
        Assert.Empty(d.Actions);
    }

    [Fact]
    public void Suspend_SameCardTwoCities_NoAction()
    {
        // The two-cities clause of R05 is not a §5 SUSPEND trigger (the card is each patient's own).
        var d = EngineDriver.Run(
            World.Reference(World.Patient("P2", cards: ["CP2", "CP1"])),
            S("S1").At("2026-03-01T09:00:00+08:00").Card("CP1").Facility(World.Hospital),
            S("S2").At("2026-03-01T09:30:00+08:00").Patient("P2").Card("CP1").Facility(World.WenzhouHospital));
        Assert.Equal(["R05:S1", "R05:S2"], d.OpenIds);
        Assert.Empty(d.Actions);
    }

    [Fact]
    public void Suspend_Deceased_Suspend()
    {
        // §5 "R06 because the patient is deceased or transferred → SUSPEND (block the card)".
        var d = EngineDriver.Run(WithStatus(PatientStatus.Deceased, new DateOnly(2026, 2, 1)), S("S1").At("2026-03-01T09:12:00+08:00"));
        Assert.Equal(["R06:S1"], d.OpenIds);
        var s = Assert.Single(d.InForce);
        Assert.Equal("SUSPEND:P1:S1", s.ActionId);
        Assert.Equal("R06", s.ReasonRule);
        Assert.Equal("2026-03-01T09:12:00+08:00", s.EffectiveFrom.ToString());
        Assert.Equal(["R06:S1"], s.AlertIds);
    }

    [Fact]
    public void Suspend_Transferred_Suspend()
    {
        var d = EngineDriver.Run(WithStatus(PatientStatus.Transferred, new DateOnly(2026, 2, 1)), S("S1").On("2026-03-01"));
        Assert.Equal(["R06:S1"], d.OpenIds);
        Assert.Equal(["SUSPEND:P1:S1"], d.InForceIds);
    }

    [Fact]
    public void Suspend_StatusSuspended_R06WithoutAction()
    {
        // Only deceased or transferred is a SUSPEND trigger.
        var d = EngineDriver.Run(WithStatus(PatientStatus.Suspended, new DateOnly(2026, 2, 1)), S("S1").On("2026-03-01"));
        Assert.Equal(["R06:S1"], d.OpenIds);
        Assert.Empty(d.Actions);
    }

    [Fact]
    public void Suspend_LaterSettlements_R06SameInstantNot()
    {
        // §3 "the patient's settlements with a later settled_at are judged against it": S2 at the same instant is not
        // later, S3 one second later is. Different drugs keep the supply rules quiet.
        var d = EngineDriver.Run(
            S("S1").At("2026-03-01T09:00:00+08:00").Identity(IdentityMethod.Face, faceScore: 0.5m).Drug(World.Amlodipine),
            S("S2").At("2026-03-01T09:00:00+08:00").Drug(World.Atorvastatin),
            S("S3").At("2026-03-01T09:00:01+08:00").Drug("D1"));
        Assert.Equal(["R05:S1", "R06:S3"], d.OpenIds);
        Assert.Equal(["SUSPEND:P1:S1"], d.InForceIds);
        Assert.Contains("SUSPEND:P1:S1", d.OpenAlert("R06", "S3").EvidenceJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Suspend_EarlierSettlementNotAffected()
    {
        // A settlement before the trigger (settled earlier, arriving later) is not judged against the SUSPEND.
        var d = new EngineDriver().ApplyEach(
            S("S2").At("2026-03-05T09:00:00+08:00").Card("CX9"),
            S("S1").At("2026-03-01T09:00:00+08:00").Drug("D1"));
        Assert.Equal(["R05:S2"], d.OpenIds);
        Assert.Equal(["SUSPEND:P1:S2"], d.InForceIds);
    }

    [Fact]
    public void Suspend_TriggerReversed_ReinstatedAndLaterR06Withdrawn()
    {
        // §5 "an automatic action whose triggering alerts have all been withdrawn is revoked (a REINSTATE record with
        // automatic: true)"; §2 reversal withdraws "every alert raised because of it".
        var d = new EngineDriver().ApplyEach(
            S("S1").At("2026-03-01T09:00:00+08:00").Identity(IdentityMethod.Face, faceScore: 0.5m).Drug(World.Amlodipine),
            S("S2").At("2026-03-20T09:00:00+08:00").Drug("D1"),
            S("S3").At("2026-04-20T09:00:00+08:00").Drug("D2"));
        Assert.Equal(["R05:S1", "R06:S2", "R06:S3"], d.OpenIds);
        Assert.Equal(["SUSPEND:P1:S1"], d.InForceIds);

        d.ApplyEach(new Reversal { SettlementId = "S1", ReversedAt = Ts("2026-05-01T10:00:00+08:00") });
        Assert.Empty(d.OpenIds);
        Assert.Empty(d.InForce);
        var r = d.Actions["REINSTATE:SUSPEND:P1:S1"];
        Assert.Equal(ActionKind.Reinstate, r.Action);
        Assert.True(r.Automatic);
        Assert.Equal("SUSPEND:P1:S1", r.Revokes);
        Assert.Equal("P1", r.PatientId);
        Assert.Equal(AlertStatus.Withdrawn, d.Alerts["R05:S1"].Status);
        Assert.Equal(AlertStatus.Withdrawn, d.Alerts["R06:S2"].Status);
        Assert.Equal(AlertStatus.Withdrawn, d.Alerts["R06:S3"].Status);
    }

    [Fact]
    public void Suspend_FirstTriggerReversed_SecondTriggerTakesOver()
    {
        // The SUSPEND now comes from S2's foreign card, from S2's settled_at: S2 itself is no longer R06.
        var d = new EngineDriver().ApplyEach(
            S("S1").At("2026-03-01T09:00:00+08:00").Identity(IdentityMethod.Face, faceScore: 0.5m).Drug(World.Amlodipine),
            S("S2").At("2026-03-20T09:00:00+08:00").Card("CX9").Drug("D1"),
            S("S3").At("2026-04-20T09:00:00+08:00").Drug("D2"));
        Assert.Equal(["R05:S1", "R05:S2", "R06:S2", "R06:S3"], d.OpenIds);

        d.ApplyEach(new Reversal { SettlementId = "S1", ReversedAt = Ts("2026-05-01T10:00:00+08:00") });
        Assert.Equal(["R05:S2", "R06:S3"], d.OpenIds);
        Assert.Equal(["SUSPEND:P1:S2"], d.InForceIds);
        Assert.Equal("SUSPEND:P1:S1", d.Actions["REINSTATE:SUSPEND:P1:S1"].Revokes);
    }

    [Fact]
    public void Warning_TriggerReversed_Reinstated()
    {
        var d = new EngineDriver().ApplyEach(S("S1").On("2026-03-01").Drug(World.Amlodipine, 31));
        Assert.Equal(["WARNING:P1:20260301"], d.InForceIds);

        d.ApplyEach(new Reversal { SettlementId = "S1", ReversedAt = Ts("2026-03-02T10:00:00+08:00") });
        Assert.Empty(d.OpenIds);
        Assert.Empty(d.InForce);
        var r = d.Actions["REINSTATE:WARNING:P1:20260301"];
        Assert.True(r.Automatic);
        Assert.Equal("WARNING:P1:20260301", r.Revokes);
    }

    private static ReferenceData WithStatus(PatientStatus status, DateOnly from) =>
        World.Reference(World.Patient("P1", statuses: [new StatusPeriod(PatientStatus.Active, new DateOnly(2020, 1, 1)), new StatusPeriod(status, from)]));

    private static Timestamp Ts(string s) => IsoTimestamp.TryParse(s, out var t) ? t : throw new ArgumentException(s);
}
