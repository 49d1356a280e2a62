using ChronicCare.Monitor.Simulation.Patients;
using ChronicCare.Monitor.Simulation.Rules;

namespace ChronicCare.Monitor.Simulation.Fraud.Patterns;

/// <summary>
/// Model-only: 串换药品, the cheap generic the patient always gets is billed once as the dearest brand of the
/// same ingredient, in an odd quantity. Same ingredient and facility (no supply rule), a facility allowed to
/// dispense brands (no R10), within the month's quota (no R11).
/// </summary>
internal sealed class DrugSubstitutionPattern : FraudPattern
{
    public override string Name => "drug_substitution";

    public override int Rules => RuleSet.None;

    public override ProfileRequirements Requirements(SimulationContext ctx, int variant) =>
        new() { FullCoverage = true, Disease = PatternHelpers.CommonDisease(ctx, variant), Channel = ChannelRequirement.NonEssentialAllowed };

    public override bool Apply(InjectionContext ic)
    {
        var catalog = ic.Ctx.Catalog;
        if (ic.PickFill(s => !ic.Facility(s.Facility).EssentialOnly) is not { } s)
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
            var brand = ing.Products.OrderByDescending(p => catalog.Drugs[p].PriceCents).First();
            if (brand == line.Item)
            {
                continue;
            }

            var price = catalog.Drugs[brand].PriceCents;
            var quantity = (int)Math.Round(line.Quantity * ic.Rng.Between(1.2, 1.6));
            while (quantity > line.Quantity && (quantity * price) - line.AmountCents > Math.Min(room.Drug, room.Total))
            {
                quantity--;
            }

            if ((quantity * price) - line.AmountCents <= Math.Min(room.Drug, room.Total))
            {
                line.Item = brand;
                line.UnitPriceCents = price;
                line.Quantity = quantity;
                s.Lines[k] = line;
                ic.Touched.Add(s);
                return true;
            }
        }

        return false;
    }
}
