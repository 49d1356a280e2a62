using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.Rules;
using Xunit;

namespace ChronicCare.Monitor.Tests.Rules;

/// <summary>R13 at its boundaries (contract §3 R13: > 3 × the disease's median that month, when >= 20 patients).</summary>
public sealed class PatientCostRuleTests
{
    private static readonly CostOutlierPolicy Policy = DetectionPolicy.Default.CostOutliers;

    [Theory]
    [InlineData("300", false)] // exactly 3 × the median (100)
    [InlineData("300.01", true)]
    public void Evaluate_TotalAtThreeTimesTheMedian_FiresOnlyAbove(string total, bool fires)
    {
        var month = Patients(19, 100).Append(new PatientDiseaseMonth("P-T", "E11", decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(fires, PatientCostRule.Evaluate(month, Policy).Any(o => o.PatientId == "P-T"));
    }

    [Fact]
    public void Evaluate_NineteenPatientsOfTheDisease_NotJudged()
    {
        var month = Patients(18, 100).Append(new PatientDiseaseMonth("P-T", "E11", 10_000));

        Assert.Empty(PatientCostRule.Evaluate(month, Policy));
    }

    [Fact]
    public void Evaluate_SeveralRowsOfOnePatient_AddUpToOneTotal()
    {
        var month = Patients(19, 100).Concat([new PatientDiseaseMonth("P-T", "E11", 200), new PatientDiseaseMonth("P-T", "E11", 150)]);

        var found = Assert.Single(PatientCostRule.Evaluate(month, Policy));

        Assert.Equal(350m, found.Total);
        Assert.Equal(20, found.Patients);
    }

    [Fact]
    public void Evaluate_OtherDisease_HasItsOwnMedian()
    {
        var month = Patients(19, 100).Append(new PatientDiseaseMonth("P-T", "E11", 250))
            .Concat(Enumerable.Range(0, 20).Select(i => new PatientDiseaseMonth($"Q{i}", "I10", 50)));

        Assert.Empty(PatientCostRule.Evaluate(month, Policy));
    }

    private static IEnumerable<PatientDiseaseMonth> Patients(int n, decimal total) =>
        Enumerable.Range(0, n).Select(i => new PatientDiseaseMonth($"P{i:00}", "E11", total));
}
