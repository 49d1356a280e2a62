using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Reference;
using ChronicCare.Monitor.Tests.Support;
using Xunit;
using static ChronicCare.Monitor.Tests.Support.SettlementBuilder;

namespace ChronicCare.Monitor.Tests.Rules;

/// <summary>
/// R04 NON_DESIGNATED_FACILITY, contract §3: "at a non-pharmacy facility whose class (grassroots/hospital) has a
/// designated facility for that year and this is not it. Designated = the patient record's `designated` entry;
/// where absent, the first facility of that class by (service date, settled_at, settlement_id) that year".
/// Settlements of one test use different drugs (ingredients) so the supply rules stay quiet.
/// </summary>
public sealed class DesignationRuleTests
{
    [Fact]
    public void Evaluate_RecordNamesHospitalOtherHospital_R04()
    {
        // "Designated = the patient record's designated entry": FH2 is named, FH1 is not it.
        var d = EngineDriver.Run(Designated(2026, hospital: World.Hospital2), S("S1").On("2026-03-01").Facility(World.Hospital));
        Assert.Equal(["R04:S1"], d.OpenIds);
        Assert.Contains("\"designated_facility_id\":\"FH2\"", d.OpenAlert("R04", "S1").EvidenceJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RecordNamesHospitalThatHospital_NoAlert()
    {
        var d = EngineDriver.Run(Designated(2026, hospital: World.Hospital2), S("S1").On("2026-03-01").Facility(World.Hospital2));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_RecordNamesHospitalEvenIfAnotherWasVisitedFirst_OnlyTheOtherAlerts()
    {
        // The record wins over the first-visit fallback: the first visit (FH1) alerts, the later designated one does not.
        var d = EngineDriver.Run(
            Designated(2026, hospital: World.Hospital2),
            S("S1").On("2026-03-01").Facility(World.Hospital).Drug("D1"),
            S("S2").On("2026-03-10").Facility(World.Hospital2).Drug("D2"));
        Assert.Equal(["R04:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_Pharmacy_NeverAlerts()
    {
        // "at a non-pharmacy facility": pharmacies have no class.
        var d = EngineDriver.Run(
            Designated(2026, grassroots: World.Community2, hospital: World.Hospital2),
            S("S1").On("2026-03-01").Facility(World.Pharmacy));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_PharmacyAfterHospitalNoDesignation_NoAlert()
    {
        // A pharmacy neither becomes nor breaks a designation.
        var d = EngineDriver.Run(
            S("S1").On("2026-03-01").Facility(World.Pharmacy).Drug("D1"),
            S("S2").On("2026-03-05").Facility(World.Hospital).Drug("D2"),
            S("S3").On("2026-03-10").Facility(World.Pharmacy).Drug("D3"));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_NoDesignationLaterDifferentHospital_R04()
    {
        // "where absent, the first facility of that class ... that year": FH1 first, FH2 later alerts.
        var d = EngineDriver.Run(
            S("S1").On("2026-03-01").Facility(World.Hospital).Drug("D1"),
            S("S2").On("2026-03-10").Facility(World.Hospital2).Drug("D2"),
            S("S3").On("2026-03-20").Facility(World.Hospital).Drug("D3"));
        Assert.Equal(["R04:S2"], d.OpenIds);
        Assert.Contains("\"designated_facility_id\":\"FH1\"", d.OpenAlert("R04", "S2").EvidenceJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NoDesignationClassesAreIndependent_NoAlert()
    {
        // "whose class (grassroots/hospital)": a first hospital and a first grassroots facility are both designated.
        var d = EngineDriver.Run(
            S("S1").On("2026-03-01").Facility(World.Hospital).Drug("D1"),
            S("S2").On("2026-03-10").Facility(World.Community).Drug("D2"));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_NoDesignationLaterDifferentGrassroots_R04()
    {
        var d = EngineDriver.Run(
            S("S1").On("2026-03-01").Facility(World.Community).Drug("D1"),
            S("S2").On("2026-03-10").Facility(World.Community2).Drug("D2"));
        Assert.Equal(["R04:S2"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_RecordNamesOnlyHospital_GrassrootsFallsBackToFirstVisit()
    {
        // "where absent": the entry names no grassroots facility, so the first one used (FC2) is designated.
        var d = EngineDriver.Run(
            Designated(2026, hospital: World.Hospital),
            S("S1").On("2026-03-01").Facility(World.Community2).Drug("D1"),
            S("S2").On("2026-03-10").Facility(World.Community).Drug("D2"));
        Assert.Equal(["R04:S2"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_LateArrivingEarlierSettlementElsewhere_FlipsWhichAlerts()
    {
        // contract §3 "Order independence": "a late event may raise alerts on settlements processed earlier".
        var d = new EngineDriver().ApplyEach(S("S2").On("2026-03-10").Facility(World.Hospital).Drug("D2"));
        Assert.Empty(d.OpenIds);

        d.ApplyEach(S("S1").On("2026-03-01").Facility(World.Hospital2).Drug("D1"));
        Assert.Equal(["R04:S2"], d.OpenIds);
        Assert.Contains("\"designated_facility_id\":\"FH2\"", d.OpenAlert("R04", "S2").EvidenceJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SameServiceDateEarlierSettledAt_IsTheFirst()
    {
        // Order "(service date, settled_at, settlement_id)": same date, S2 settled an hour earlier is the first.
        var d = EngineDriver.Run(
            S("S1").At("2026-03-01T10:00:00+08:00").Facility(World.Hospital).Drug("D1"),
            S("S2").At("2026-03-01T09:00:00+08:00").Facility(World.Hospital2).Drug("D2"));
        Assert.Equal(["R04:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_SameInstant_SettlementIdBreaksTheTie()
    {
        // Order "(service date, settled_at, settlement_id)": at the same instant SA sorts before SB.
        var d = EngineDriver.Run(
            S("SB").At("2026-03-01T09:00:00+08:00").Facility(World.Hospital).Drug("D1"),
            S("SA").At("2026-03-01T09:00:00+08:00").Facility(World.Hospital2).Drug("D2"));
        Assert.Equal(["R04:SB"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_ServiceDateInOwnOffsetDecidesTheOrder()
    {
        // The service date is "the calendar date of its timestamp in its own offset": S1 at 2026-03-02T00:30+08:00
        // is an earlier instant than S2 (2026-03-01T20:00-05:00 = 03-02T09:00+08:00) but its service date 03-02 is later
        // than S2's 03-01, so S2 is the first hospital of the year.
        var d = EngineDriver.Run(
            S("S1").At("2026-03-02T00:30:00+08:00").Facility(World.Hospital).Drug("D1"),
            S("S2").At("2026-03-01T20:00:00-05:00").Facility(World.Hospital2).Drug("D2"));
        Assert.Equal(["R04:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_NewYear_FallbackResets()
    {
        // "the first facility of that class ... that year": FH2 is the first hospital of 2027.
        var d = EngineDriver.Run(
            S("S1").On("2026-12-20").Facility(World.Hospital).Drug("D1"),
            S("S2").On("2027-01-05").Facility(World.Hospital2).Drug("D2"),
            S("S3").On("2027-01-20").Facility(World.Hospital).Drug("D3"));
        Assert.Equal(["R04:S3"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_RecordNamesOnlyEarlierYear_NewYearFallsBack()
    {
        // "designated facilities per natural year": the 2026 entry does not cover 2027.
        var d = EngineDriver.Run(
            Designated(2026, hospital: World.Hospital),
            S("S1").On("2027-01-05").Facility(World.Hospital2).Drug("D1"),
            S("S2").On("2027-01-20").Facility(World.Hospital).Drug("D2"));
        Assert.Equal(["R04:S2"], d.OpenIds);
    }

    private static ReferenceData Designated(int year, string? grassroots = null, string? hospital = null) =>
        World.Reference(World.Patient("P1", designated: new Dictionary<int, DesignatedFacilities> { [year] = new(grassroots, hospital) }));
}
