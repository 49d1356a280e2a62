using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Reference;
using ChronicCare.Monitor.Tests.Support;
using Xunit;
using static ChronicCare.Monitor.Tests.Support.SettlementBuilder;

namespace ChronicCare.Monitor.Tests.Rules;

/// <summary>
/// R06 INELIGIBLE_BENEFIT, contract §3: "the patient is unknown; or on the service date the patient's status is not
/// `active`; or `disease_code` is not approved for the patient, its benefit has not started (month after approval) or
/// has ended (`valid_until`)". §1 patient: "benefits start the first day of the month after `approved_on` ... and end
/// after `valid_until`"; statuses: "the one in force on a date is the latest `from` &lt;= date".
/// P1's HTN is approved 2025-06-10 (benefit from 2025-07-01) and valid until 2027-06-09.
/// </summary>
public sealed class EligibilityRuleTests
{
    private static readonly DiseaseApproval Htn = new("HTN", new DateOnly(2025, 6, 10), new DateOnly(2027, 6, 9));

    [Fact]
    public void Evaluate_UnknownPatient_R06()
    {
        // "the patient is unknown".
        var d = EngineDriver.Run(S("S1").Patient("P9"));
        Assert.Equal(["R06:S1"], d.OpenIds);
        Assert.Contains("unknown_patient", d.OpenAlert("R06", "S1").EvidenceJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LastDayOfApprovalMonth_R06()
    {
        // "its benefit has not started (month after approval)": approved 2025-06-10, 2025-06-30 is before 07-01.
        var d = EngineDriver.Run(S("S1").On("2025-06-30"));
        Assert.Equal(["R06:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_FirstDayOfMonthAfterApproval_NoAlert()
    {
        var d = EngineDriver.Run(S("S1").On("2025-07-01"));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_ApprovalDayItself_R06()
    {
        var d = EngineDriver.Run(S("S1").On("2025-06-10"));
        Assert.Equal(["R06:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_ValidUntilDay_NoAlert()
    {
        // "end after valid_until": 2027-06-09 is still covered.
        var d = EngineDriver.Run(S("S1").On("2027-06-09"));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_DayAfterValidUntil_R06()
    {
        var d = EngineDriver.Run(S("S1").On("2027-06-10"));
        Assert.Equal(["R06:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_ValidUntilDayLateEveningOwnOffset_NoAlert()
    {
        // The service date is the calendar date in the timestamp's own offset: 23:59 on 06-09 is still 06-09.
        var d = EngineDriver.Run(S("S1").At("2027-06-09T23:59:59+08:00"));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_DiseaseNotApproved_R06()
    {
        // "disease_code is not approved for the patient": P1 has HTN only; AML1 lists CHD, so R09 stays quiet.
        var d = EngineDriver.Run(S("S1").Disease("CHD").Drug(World.Amlodipine));
        Assert.Equal(["R06:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_SecondDiseaseApproved_NoAlert()
    {
        var d = EngineDriver.Run(
            With(World.Patient("P1", diseases: [Htn, new DiseaseApproval("CHD", new DateOnly(2025, 1, 15), new DateOnly(2027, 1, 14))])),
            S("S1").On("2026-03-01").Disease("CHD").Drug(World.Amlodipine));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_DayBeforeDeceased_NoAlert()
    {
        // "on the service date the patient's status is not active": deceased from 2026-03-01, 02-28 is still active.
        var d = EngineDriver.Run(Deceased(new DateOnly(2026, 3, 1)), S("S1").On("2026-02-28"));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_DeceasedFromThatDay_R06()
    {
        // "the latest from <= date": the deceased entry is in force on its from date.
        var d = EngineDriver.Run(Deceased(new DateOnly(2026, 3, 1)), S("S1").On("2026-03-01"));
        Assert.Equal(["R06:S1"], d.OpenIds);
        Assert.Contains("deceased", d.OpenAlert("R06", "S1").EvidenceJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_StatusSuspended_R06()
    {
        var d = EngineDriver.Run(
            With(World.Patient("P1", statuses: [new StatusPeriod(PatientStatus.Active, new DateOnly(2020, 1, 1)), new StatusPeriod(PatientStatus.Suspended, new DateOnly(2026, 2, 1))])),
            S("S1").On("2026-03-01"));
        Assert.Equal(["R06:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_ActiveAgainAfterSuspension_NoAlert()
    {
        // "the latest from <= date": active again from 2026-02-15.
        var d = EngineDriver.Run(
            With(World.Patient("P1", statuses:
            [
                new StatusPeriod(PatientStatus.Active, new DateOnly(2020, 1, 1)),
                new StatusPeriod(PatientStatus.Suspended, new DateOnly(2026, 2, 1)),
                new StatusPeriod(PatientStatus.Active, new DateOnly(2026, 2, 15)),
            ])),
            S("S1").On("2026-03-01"));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_NoStatusInForceYet_R06()
    {
        // The status history starts 2026-04-01: on 2026-03-01 no status is in force, so it is not active.
        var d = EngineDriver.Run(
            With(World.Patient("P1", statuses: [new StatusPeriod(PatientStatus.Active, new DateOnly(2026, 4, 1))])),
            S("S1").On("2026-03-01"));
        Assert.Equal(["R06:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_PatientUpsertedLater_AlertWithdrawn()
    {
        // contract §3 "Order independence" and §1 upserts: a record arriving at run time re-judges the patient.
        var d = new EngineDriver(World.Reference()).ApplyEach(S("S1").Patient("P7").On("2026-03-01"));
        Assert.Equal(["R06:S1"], d.OpenIds);

        d.ApplyEach(ReferenceUpsert.Of(World.Patient("P7")));
        Assert.Empty(d.OpenIds);
    }

    private static ReferenceData With(Patient p) => World.Reference(p);

    private static ReferenceData Deceased(DateOnly from) =>
        With(World.Patient("P1", statuses: [new StatusPeriod(PatientStatus.Active, new DateOnly(2020, 1, 1)), new StatusPeriod(PatientStatus.Deceased, from)]));
}
