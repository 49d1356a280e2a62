using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Reference;
using ChronicCare.Monitor.Tests.Support;
using Xunit;
using static ChronicCare.Monitor.Tests.Support.SettlementBuilder;

namespace ChronicCare.Monitor.Tests.Rules;

/// <summary>
/// R08 DEMOGRAPHIC_RESTRICTION, contract §3: "a drug's `gender` differs from the patient's, or the patient's age in
/// whole years on the service date is outside [min_age, max_age]"; §1 drug: "min_age, max_age ... age restriction in
/// whole years, inclusive". FIN1 is M only and 18+ (BPH), MET1 is 10+ (T2DM), PED1 is up to 14 (HTN).
/// </summary>
public sealed class DemographicRuleTests
{
    private static readonly DiseaseApproval Htn = new("HTN", new DateOnly(2025, 6, 10), new DateOnly(2027, 6, 9));
    private static readonly DiseaseApproval Bph = new("BPH", new DateOnly(2025, 6, 10), new DateOnly(2027, 6, 9));
    private static readonly DiseaseApproval T2dm = new("T2DM", new DateOnly(2025, 6, 10), new DateOnly(2027, 6, 9));

    [Fact]
    public void Evaluate_MaleOnlyDrugToFemale_R08()
    {
        // "a drug's gender differs from the patient's".
        var d = EngineDriver.Run(P1(Gender.F, "1956-04-12", Htn, Bph), S("S1").On("2026-03-01").Disease("BPH").Drug(World.Finasteride));
        Assert.Equal(["R08:S1"], d.OpenIds);
        Assert.Contains("gender:M", d.OpenAlert("R08", "S1").EvidenceJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MaleOnlyDrugToAdultMale_NoAlert()
    {
        var d = EngineDriver.Run(P1(Gender.M, "1956-04-12", Htn, Bph), S("S1").On("2026-03-01").Disease("BPH").Drug(World.Finasteride));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_MaleOnlyDrugToMaleUnder18_R08()
    {
        // FIN1 min_age 18: a 17-year-old male (born 2008-04-12, 17 on 2026-03-01) is outside [18, -].
        var d = EngineDriver.Run(P1(Gender.M, "2008-04-12", Htn, Bph), S("S1").On("2026-03-01").Disease("BPH").Drug(World.Finasteride));
        Assert.Equal(["R08:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_MinAgeReachedOnBirthday_NoAlert()
    {
        // "age in whole years on the service date", min_age inclusive: born 2016-03-15, 10 on 2026-03-15.
        var d = EngineDriver.Run(P1(Gender.F, "2016-03-15", T2dm), S("S1").On("2026-03-15").Disease("T2DM").Drug(World.Metformin));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_MinAgeDayBeforeBirthday_R08()
    {
        // Still 9 on 2026-03-14.
        var d = EngineDriver.Run(P1(Gender.F, "2016-03-15", T2dm), S("S1").On("2026-03-14").Disease("T2DM").Drug(World.Metformin));
        Assert.Equal(["R08:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_MaxAgeDayBefore15thBirthday_NoAlert()
    {
        // max_age 14 inclusive: born 2011-03-15, still 14 on 2026-03-14.
        var d = EngineDriver.Run(P1(Gender.F, "2011-03-15", Htn), S("S1").On("2026-03-14").Drug(World.Paediatric));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_MaxAgeOn15thBirthday_R08()
    {
        var d = EngineDriver.Run(P1(Gender.F, "2011-03-15", Htn), S("S1").On("2026-03-15").Drug(World.Paediatric));
        Assert.Equal(["R08:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_UnrestrictedDrug_NoAlert()
    {
        // AML1 has no gender and no age limits: a child gets no R08.
        var d = EngineDriver.Run(P1(Gender.M, "2020-01-01", Htn), S("S1").On("2026-03-01").Drug(World.Amlodipine));
        Assert.Empty(d.OpenIds);
    }

    private static ReferenceData P1(Gender gender, string birth, params DiseaseApproval[] diseases) =>
        World.Reference(World.Patient("P1", gender, birth, diseases: diseases));
}
