using ChronicCare.Monitor.Simulation.Rules;

namespace ChronicCare.Monitor.Simulation.Fraud.Patterns;

/// <summary>
/// Model-only: a quantity that does not match the days of supply (a handful of tablets for a month, or three
/// to five times the dose), the amount consistent with it and within the quota. No rule looks at quantities.
/// </summary>
internal sealed class OddQuantityPattern : FraudPattern
{
    public override string Name => "odd_quantity";

    public override int Rules => RuleSet.None;

    public override bool Apply(InjectionContext ic)
    {
        if (ic.PickFill(s => s.Lines.Any(l => l.IsDrug && l.Quantity >= 12)) is not { } s)
        {
            return false;
        }

        // Tablet lines only: a pack count of one inhaler or pen has no odd alternative.
        var k = s.Lines.FindIndex(l => l.IsDrug && l.Quantity >= 12);
        if (k < 0)
        {
            return false;
        }

        var line = s.Lines[k];
        var room = ic.Room(s);
        var large = (int)Math.Round(line.Quantity * ic.Rng.Between(3.0, 5.0));
        var fits = (large - line.Quantity) * line.UnitPriceCents <= Math.Min(room.Drug, room.Total);
        line.Quantity = fits && ic.Rng.Chance(0.6) ? large : ic.Rng.Between(1, Math.Max(1, line.Quantity / 6));
        s.Lines[k] = line;
        ic.Touched.Add(s);
        return true;
    }
}
