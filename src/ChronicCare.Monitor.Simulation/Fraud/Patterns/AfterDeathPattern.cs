using ChronicCare.Monitor.Simulation.Patients;
using ChronicCare.Monitor.Simulation.Rules;

namespace ChronicCare.Monitor.Simulation.Fraud.Patterns;

/// <summary>
/// R06 待遇资格异常: a relative keeps refilling on a deceased patient's card. The refill comes after the supply
/// ran out (no R01) at the usual facility (no R04); it is the only settlement after the death.
/// </summary>
internal sealed class AfterDeathPattern : FraudPattern
{
    public override string Name => "after_death";

    public override int Rules => RuleSet.Of(6);

    public override ProfileRequirements Requirements(SimulationContext ctx, int variant) => new() { FullCoverage = true, Death = true };

    public override bool Apply(InjectionContext ic)
    {
        var p = ic.Patient;
        if (p.Regimens.Count == 0 || p.ActiveUntil == DateOnly.MaxValue)
        {
            return false;
        }

        var reg = ic.Rng.Pick(p.Regimens);
        var covered = PatternHelpers.CoveredUntil(ic, reg);
        var date = p.ActiveUntil.AddDays(ic.Rng.Between(3, 40));
        date = date > covered ? date : covered;
        if (date >= ic.Ctx.End || ic.StayOn(date) is not null)
        {
            return false;
        }

        var s = PatternHelpers.LastFill(ic, reg, date);
        s.PresenterId = p.RelativeId;
        ic.Touched.Add(s);
        return true;
    }
}
