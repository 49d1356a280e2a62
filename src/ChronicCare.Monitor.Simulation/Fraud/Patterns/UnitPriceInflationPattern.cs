using ChronicCare.Monitor.Simulation.Rules;

namespace ChronicCare.Monitor.Simulation.Fraud.Patterns;

/// <summary>
/// Model-only (no rule): a drug billed at 1.6-3 × its reference unit price (虚高价格), kept within the month's
/// quota so that R11 stays silent; only the outlier model can see it.
/// </summary>
internal sealed class UnitPriceInflationPattern : FraudPattern
{
    public override string Name => "unit_price_inflation";

    public override int Rules => RuleSet.None;

    public override bool Apply(InjectionContext ic)
    {
        if (ic.PickFill() is not { } s)
        {
            return false;
        }

        var k = s.Lines.FindIndex(l => l.IsDrug);
        var line = s.Lines[k];
        var room = ic.Room(s);
        var maxFactor = 1 + (Math.Min(room.Drug, room.Total) / (double)line.AmountCents);
        var factor = Math.Min(ic.Rng.Between(1.8, 3.0), maxFactor - 0.02);
        if (factor < 1.6)
        {
            return false;
        }

        line.UnitPriceCents = (long)Math.Round(line.UnitPriceCents * factor);
        s.Lines[k] = line;
        ic.Touched.Add(s);
        return true;
    }
}
