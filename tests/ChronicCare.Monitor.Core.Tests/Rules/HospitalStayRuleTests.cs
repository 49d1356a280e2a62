using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Tests.Support;
using Xunit;
using static ChronicCare.Monitor.Tests.Support.SettlementBuilder;

namespace ChronicCare.Monitor.Tests.Rules;

/// <summary>
/// R07 DURING_HOSPITALIZATION, contract §3: "the service date is after the admission date and before the discharge
/// date of a stay (no discharge yet: any date after admission)". Stay ST1: P1 admitted at FH1 on 2026-03-01,
/// discharged on 2026-03-10 where a discharge is given.
/// </summary>
public sealed class HospitalStayRuleTests
{
    [Fact]
    public void Evaluate_AdmissionDay_NoAlert()
    {
        // "after the admission date": the admission day itself is not after it.
        var d = EngineDriver.Run(Admitted("2026-03-01T08:00:00+08:00"), Discharged("2026-03-10T08:00:00+08:00"), S("S1").At("2026-03-01T16:00:00+08:00"));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_DayAfterAdmission_R07()
    {
        var d = EngineDriver.Run(Admitted("2026-03-01T08:00:00+08:00"), Discharged("2026-03-10T08:00:00+08:00"), S("S1").At("2026-03-02T00:05:00+08:00"));
        Assert.Equal(["R07:S1"], d.OpenIds);
        Assert.Contains("\"stay_id\":\"ST1\"", d.OpenAlert("R07", "S1").EvidenceJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DayBeforeDischarge_R07()
    {
        var d = EngineDriver.Run(Admitted("2026-03-01T08:00:00+08:00"), Discharged("2026-03-10T08:00:00+08:00"), S("S1").At("2026-03-09T23:00:00+08:00"));
        Assert.Equal(["R07:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_DischargeDay_NoAlert()
    {
        // "before the discharge date": the discharge day itself is not before it, even before the discharge time.
        var d = EngineDriver.Run(Admitted("2026-03-01T08:00:00+08:00"), Discharged("2026-03-10T15:00:00+08:00"), S("S1").At("2026-03-10T09:00:00+08:00"));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_BeforeAdmission_NoAlert()
    {
        var d = EngineDriver.Run(Admitted("2026-03-01T08:00:00+08:00"), Discharged("2026-03-10T08:00:00+08:00"), S("S1").On("2026-02-28"));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_AfterDischarge_NoAlert()
    {
        var d = EngineDriver.Run(Admitted("2026-03-01T08:00:00+08:00"), Discharged("2026-03-10T08:00:00+08:00"), S("S1").On("2026-03-11"));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_OpenStayAnyLaterDay_R07()
    {
        // "(no discharge yet: any date after admission)".
        var d = EngineDriver.Run(Admitted("2026-03-01T08:00:00+08:00"), S("S1").On("2026-06-20"));
        Assert.Equal(["R07:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_OpenStayAdmissionDay_NoAlert()
    {
        var d = EngineDriver.Run(Admitted("2026-03-01T08:00:00+08:00"), S("S1").On("2026-03-01"));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_DischargeArrivesBeforeAdmission_StillAStay()
    {
        // contract §3 "Order independence": the discharge is kept until its admission arrives.
        var d = new EngineDriver().ApplyEach(
            Discharged("2026-03-10T08:00:00+08:00"),
            S("S1").On("2026-03-05"),
            S("S2").On("2026-04-20").Drug("D1"),
            Admitted("2026-03-01T08:00:00+08:00"));
        Assert.Equal(["R07:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_DischargeArrivesLater_ClosesOpenStay()
    {
        // A settlement after the later-arriving discharge date is no longer during the stay: its alert is withdrawn.
        var d = new EngineDriver().ApplyEach(Admitted("2026-03-01T08:00:00+08:00"), S("S1").On("2026-03-05"), S("S2").On("2026-04-20").Drug("D1"));
        Assert.Equal(["R07:S1", "R07:S2"], d.OpenIds);

        d.ApplyEach(Discharged("2026-03-10T08:00:00+08:00"));
        Assert.Equal(["R07:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_OtherPatientsStay_NoAlert()
    {
        var d = EngineDriver.Run(
            World.Reference(World.Patient("P2")),
            Admitted("2026-03-01T08:00:00+08:00", patient: "P2"),
            S("S1").On("2026-03-05"));
        Assert.Empty(d.OpenIds);
    }

    private static Admission Admitted(string at, string patient = "P1") =>
        new() { StayId = "ST1", PatientId = patient, FacilityId = World.Hospital, AdmittedAt = Ts(at) };

    private static Discharge Discharged(string at, string patient = "P1") =>
        new() { StayId = "ST1", PatientId = patient, DischargedAt = Ts(at) };

    private static Timestamp Ts(string s) => IsoTimestamp.TryParse(s, out var t) ? t : throw new ArgumentException(s);
}
