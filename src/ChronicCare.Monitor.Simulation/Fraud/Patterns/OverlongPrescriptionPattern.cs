using ChronicCare.Monitor.Simulation.Rules;
using ChronicCare.Monitor.Simulation.Timeline;

namespace ChronicCare.Monitor.Simulation.Fraud.Patterns;

/// <summary>
/// R02 超量开药: one refill with more than 30 days of supply (more than 12 weeks on a long prescription).
/// The refill is on time and the next one follows the longer supply, so nothing overlaps.
/// </summary>
internal sealed class OverlongPrescriptionPattern : FraudPattern
{
    private static readonly int[] Regular = [35, 40, 42, 45, 60];
    private static readonly int[] Long = [91, 98, 112];

    public override string Name => "overlong_prescription";

    public override int Rules => RuleSet.Of(2);

    public override FillTweak? Tweak(InjectionContext ic)
    {
        if (PatternHelpers.PickRefill(ic) is not { } pick)
        {
            return null;
        }

        var days = pick.Regimen.LongPrescription ? ic.Rng.Pick(Long) : ic.Rng.Pick(Regular);
        return new FillTweak { Regimen = pick.Regimen.Index, FillNumber = pick.Fill, DaysOverride = days };
    }

    public override bool Apply(InjectionContext ic) => ic.FillTweak is { Applied: true };
}
