using ChronicCare.Monitor.Simulation.Patients;
using ChronicCare.Monitor.Simulation.Rules;

namespace ChronicCare.Monitor.Simulation.Fraud.Patterns;

/// <summary>
/// R10(a) 处方规范: six or seven distinct drugs on one prescription without a 用药情况说明, at a level &lt;= 2
/// facility. The added drugs list the disease, are new to the patient and are dispensed for 7 days only,
/// which keeps the month within quota.
/// </summary>
internal sealed class PolypharmacyPattern : FraudPattern
{
    private static readonly string[] Diseases = ["HTN", "CHD", "T2DM"];

    public override string Name => "polypharmacy_without_note";

    public override int Rules => RuleSet.Of(10);

    public override ProfileRequirements Requirements(SimulationContext ctx, int variant) =>
        new() { FullCoverage = true, Disease = Disease(ctx, variant), Channel = ChannelRequirement.LimitsDrugCount };

    public override bool Apply(InjectionContext ic)
    {
        var disease = Disease(ic.Ctx, ic.Variant);
        if (ic.PickFill(s => s.Disease == disease && ic.Facility(s.Facility).LimitsDrugCount) is not { } s)
        {
            return false;
        }

        var target = ic.Rng.Chance(0.7) ? 6 : 7;
        var need = target - PatternHelpers.DistinctDrugs(s);
        var products = ic.FreshProducts(disease, listsDisease: true, essentialOnly: ic.Facility(s.Facility).EssentialOnly);
        if (products.Count < need)
        {
            return false;
        }

        ic.Rng.Shuffle(products);
        var room = ic.Room(s);
        long added = 0;
        for (var i = 0; i < need; i++)
        {
            var line = ic.OneOffLine(products[i], 7);
            added += line.AmountCents;
            s.Lines.Add(line);
        }

        s.Note = null;
        ic.Touched.Add(s);
        return added <= Math.Min(room.Drug, room.Total);
    }

    private static int Disease(SimulationContext ctx, int variant) => ctx.Catalog.DiseaseIndex(Diseases[variant % Diseases.Length]);
}
