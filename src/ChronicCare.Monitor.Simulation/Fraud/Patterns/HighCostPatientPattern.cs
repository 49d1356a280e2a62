using ChronicCare.Monitor.Simulation.Patients;
using ChronicCare.Monitor.Simulation.Rules;
using ChronicCare.Monitor.Simulation.Timeline;
using ChronicCare.Monitor.Simulation.World;

namespace ChronicCare.Monitor.Simulation.Fraud.Patterns;

/// <summary>
/// R13 高额费用人员: in one month a patient's claims under one disease reach 2.3-2.9 × the quota, about five times
/// the median patient (ordinary months sit at 35-55% of the quota), through therapy sessions billed with a
/// refill. Drug amounts are untouched, so R11 stays silent. Only diseases common enough to have the 20 patients
/// a month R13 needs are used.
/// </summary>
internal sealed class HighCostPatientPattern : FraudPattern
{
    private static readonly string[] Diseases = ["HTN", "T2DM", "HLP"];

    public override string Name => "high_cost_patient";

    public override int Rules => RuleSet.None;

    public override int StatisticalRules => RuleSet.Of(13);

    public override bool IsFeasible(SimulationContext ctx) => Feasible(ctx).Count > 0;

    public override ProfileRequirements Requirements(SimulationContext ctx, int variant)
    {
        var feasible = Feasible(ctx);
        return new() { FullCoverage = true, Disease = feasible[variant % feasible.Count], Channel = ChannelRequirement.NonPharmacy };
    }

    public override bool Apply(InjectionContext ic)
    {
        var feasible = Feasible(ic.Ctx);
        var disease = feasible[ic.Variant % feasible.Count];
        if (ic.PickFill(s => s.Disease == disease && ic.Facility(s.Facility).Kind != FacilityKind.Pharmacy) is not { } s)
        {
            return false;
        }

        var catalog = ic.Ctx.Catalog;
        var quota = catalog.Diseases[disease].QuotaCents;
        var current = (long)(quota * CostBands.EditedMonthTotal) - ic.Room(s).Total;
        var add = (long)(quota * ic.Rng.Between(2.3, 2.9)) - current;
        var therapy = catalog.Services[ic.Rng.Pick(catalog.Treatments)];
        var sessions = (int)Math.Max(1, (add + therapy.PriceCents - 1) / therapy.PriceCents);
        s.Lines.Add(LineDraft.Service(therapy.Index, true, sessions, therapy.PriceCents));
        ic.Touched.Add(s);
        ic.Period = (s.Date, disease);
        return true;
    }

    /// <summary>Diseases expected to have at least 80 patients: R13 needs 20 with claims in the month.</summary>
    private static List<int> Feasible(SimulationContext ctx)
    {
        var totalWeight = ctx.Catalog.Diseases.Sum(d => d.Weight);
        return Diseases.Select(ctx.Catalog.DiseaseIndex)
            .Where(d => ctx.Patients * 1.4 * ctx.Catalog.Diseases[d].Weight / totalWeight >= 80)
            .ToList();
    }
}
