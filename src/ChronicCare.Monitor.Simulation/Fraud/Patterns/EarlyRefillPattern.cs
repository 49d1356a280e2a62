using ChronicCare.Monitor.Simulation.Rules;
using ChronicCare.Monitor.Simulation.Timeline;

namespace ChronicCare.Monitor.Simulation.Fraud.Patterns;

/// <summary>
/// R01 重复开药: a refill at the same facility while more than the tolerance of supply is left. Stockpiling
/// repeats it on three consecutive refills, so the stacked supply keeps growing. Later refills follow the
/// stacked covered_until, so only the early ones fire.
/// </summary>
internal sealed class EarlyRefillPattern(bool stockpiling) : FraudPattern
{
    public override string Name => stockpiling ? "stockpiling" : "early_refill";

    public override int Rules => RuleSet.Of(1);

    public override FillTweak? Tweak(InjectionContext ic)
    {
        if (PatternHelpers.PickRefill(ic, tail: stockpiling ? 4 : 2) is not { } pick)
        {
            return null;
        }

        var tolerance = Math.Max(7, pick.Regimen.Days / 5);
        var early = ic.Rng.Between(tolerance + 2, Math.Max(tolerance + 2, Math.Min(tolerance + 10, pick.Regimen.Days - 6)));
        return new FillTweak { Regimen = pick.Regimen.Index, FillNumber = pick.Fill, EarlyDays = early, EarlyRepeat = stockpiling ? 3 : 1 };
    }

    public override bool Apply(InjectionContext ic) =>
        ic.FillTweak is { } t && t.Produced.Count == (stockpiling ? 3 : 1);
}
