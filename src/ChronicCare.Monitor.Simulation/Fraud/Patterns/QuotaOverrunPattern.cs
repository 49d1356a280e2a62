using ChronicCare.Monitor.Simulation.Patients;
using ChronicCare.Monitor.Simulation.Rules;

namespace ChronicCare.Monitor.Simulation.Fraud.Patterns;

/// <summary>
/// R11 超限额: a refill with a larger quantity (and the dearest product where allowed) that takes the disease's
/// drug sum for the month 3-10% over the quota. Later settlements of that disease in the month also exceed the
/// running sum and are labelled too. The month total stays within 1.15 × quota, under the R13 threshold. The
/// disease has no long prescriptions, so the month (not the quarter) is the only reading of R11 here.
/// </summary>
internal sealed class QuotaOverrunPattern : FraudPattern
{
    public override string Name => "quota_overrun";

    public override int Rules => RuleSet.Of(11);

    public override ProfileRequirements Requirements(SimulationContext ctx, int variant) =>
        new() { FullCoverage = true, Disease = PatternHelpers.CommonDisease(ctx, variant), NoLongPrescription = true };

    public override bool Apply(InjectionContext ic)
    {
        var catalog = ic.Ctx.Catalog;
        var disease = PatternHelpers.CommonDisease(ic.Ctx, ic.Variant);
        if (ic.PickFill(s => s.Disease == disease && !s.LongPrescription) is not { } s)
        {
            return false;
        }

        var quota = catalog.Diseases[disease].QuotaCents;
        var room = ic.Room(s);
        var extra = room.Drug + (long)(quota * ic.Rng.Between(0.03, 0.10));
        var monthTotalAfter = (long)(quota * CostBands.EditedMonthTotal) - room.Total + extra;
        if (monthTotalAfter > (long)(quota * CostBands.OverrunMonthTotal))
        {
            return false;
        }

        var k = s.Lines.FindIndex(l => l.IsDrug);
        var line = s.Lines[k];
        if (!ic.Facility(s.Facility).EssentialOnly)
        {
            var ing = catalog.IngredientOf(line.Item);
            line.Item = ing.Products.OrderByDescending(p => catalog.Drugs[p].PriceCents).First();
            line.UnitPriceCents = catalog.Drugs[line.Item].PriceCents;
        }

        var amount = s.Lines[k].AmountCents + extra;
        line.Quantity = (int)((amount + line.UnitPriceCents - 1) / line.UnitPriceCents);
        s.Lines[k] = line;
        ic.Touched.Add(s);
        return true;
    }
}
