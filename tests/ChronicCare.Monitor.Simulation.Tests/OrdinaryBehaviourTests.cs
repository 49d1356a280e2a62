using ChronicCare.Monitor.Simulation.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Simulation.Tests;

public sealed class OrdinaryBehaviourTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    [Fact]
    public void OrdinaryPatients_SupplyModel_StaysWithinTolerance()
    {
        var data = fixture.Data;
        var labelled = data.Labels.Where(l => l.PatientId is not null).Select(l => l.PatientId!).ToHashSet();
        var checkedLines = 0;
        foreach (var patient in data.Live.Where(s => !labelled.Contains(s.PatientId)).GroupBy(s => s.PatientId))
        {
            var covered = new Dictionary<string, DateOnly>();
            var lines = patient.OrderBy(s => s.Date).ThenBy(s => s.SettledAt).ThenBy(s => s.Id, StringComparer.Ordinal)
                .SelectMany(s => s.Lines.Where(l => l.ItemType == "drug").OrderBy(l => l.LineNo).Select(l => (s, l)));
            foreach (var (s, l) in lines)
            {
                var days = l.DaysSupply!.Value;
                Assert.True(days <= (s.LongPrescription ? 84 : 30), $"{s.Id}: {days} days");
                var ingredient = data.Drugs[l.ItemCode].Ingredient;
                var cu = covered.GetValueOrDefault(ingredient, DateOnly.MinValue);
                var remaining = cu > s.Date ? cu.DayNumber - s.Date.DayNumber : 0;
                Assert.True(remaining <= Math.Max(7, days / 5), $"{s.Id}: {remaining} days of {ingredient} left");
                covered[ingredient] = (cu > s.Date ? cu : s.Date).AddDays(days);
                checkedLines++;
            }
        }

        Assert.True(checkedLines > 10_000);
    }

    [Fact]
    public void OrdinaryPatients_UseLongPrescriptionsSometimes()
    {
        var data = fixture.Data;
        Assert.Contains(data.Live, s => s.LongPrescription && s.Lines.Any(l => l.DaysSupply is 56 or 84));
        Assert.Contains(data.Live, s => s.PrescribingFacilityId is not null && data.Facilities[s.FacilityId].Kind == "pharmacy");
        Assert.Contains(data.Live, s => s.Lines.Any(l => l.ItemType == "exam"));
    }

    [Fact]
    public void OrdinaryPatients_MonthTotals_StayBelowTheHighCostBand()
    {
        // R13 is statistical: ordinary months stay under 0.95 × quota (the median is near 0.45 × quota, so the
        // threshold 3 × median is far above), months touched by facility inflation under 1.0 × quota.
        var data = fixture.Data;
        var labelledPatients = data.Labels.Where(l => l.PatientId is not null).Select(l => l.PatientId!).ToHashSet();
        var inflated = data.Labels.Where(l => l.Pattern == "facility_cost_inflation").SelectMany(l => l.SettlementIds).ToHashSet();
        foreach (var month in data.Live.Where(s => !labelledPatients.Contains(s.PatientId)).GroupBy(s => (s.PatientId, s.DiseaseCode, StatisticalOracle.Period(s))))
        {
            var share = month.Any(s => inflated.Contains(s.Id)) ? 1.0 : 0.95;
            Assert.True(month.Sum(s => s.Total) <= (long)(data.Quotas[month.Key.DiseaseCode] * share), $"{month.Key}: {month.Sum(s => s.Total)}");
        }
    }
}
