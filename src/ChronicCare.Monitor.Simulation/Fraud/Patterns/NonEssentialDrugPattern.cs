using ChronicCare.Monitor.Simulation.Patients;
using ChronicCare.Monitor.Simulation.Rules;

namespace ChronicCare.Monitor.Simulation.Fraud.Patterns;

/// <summary>
/// R10(b): a brand (non-essential) product of the patient's usual ingredient dispensed at a community centre
/// that may dispense essential drugs only (基本药物零差率, seed Lianyungang 四(四)). Same ingredient, same
/// facility, same date: only the product changes.
/// </summary>
internal sealed class NonEssentialDrugPattern : FraudPattern
{
    public override string Name => "non_essential_at_essential_only";

    public override int Rules => RuleSet.Of(10);

    public override ProfileRequirements Requirements(SimulationContext ctx, int variant) =>
        new() { FullCoverage = true, Disease = PatternHelpers.CommonDisease(ctx, variant), Channel = ChannelRequirement.EssentialOnly };

    public override bool Apply(InjectionContext ic)
    {
        var catalog = ic.Ctx.Catalog;
        if (ic.PickFill(s => ic.Facility(s.Facility).EssentialOnly) is not { } s)
        {
            return false;
        }

        var room = ic.Room(s);
        for (var k = 0; k < s.Lines.Count; k++)
        {
            var line = s.Lines[k];
            if (!line.IsDrug)
            {
                continue;
            }

            var ing = catalog.IngredientOf(line.Item);
            var brand = ing.Products.Where(p => !catalog.Drugs[p].Essential).OrderBy(p => catalog.Drugs[p].PriceCents).FirstOrDefault(-1);
            if (brand < 0)
            {
                continue;
            }

            var extra = line.Quantity * (catalog.Drugs[brand].PriceCents - line.UnitPriceCents);
            if (extra <= Math.Min(room.Drug, room.Total))
            {
                line.Item = brand;
                line.UnitPriceCents = catalog.Drugs[brand].PriceCents;
                s.Lines[k] = line;
                ic.Touched.Add(s);
                return true;
            }
        }

        return false;
    }
}
