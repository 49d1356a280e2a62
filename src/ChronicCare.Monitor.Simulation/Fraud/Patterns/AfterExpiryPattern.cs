using ChronicCare.Monitor.Simulation.Patients;
using ChronicCare.Monitor.Simulation.Rules;

namespace ChronicCare.Monitor.Simulation.Fraud.Patterns;

/// <summary>
/// R06: a refill after the 2-year certificate expired (valid_until, seed Baoji 四(一)) without renewal, after
/// the last supply ran out. It is the patient's last settlement.
/// </summary>
internal sealed class AfterExpiryPattern : FraudPattern
{
    public override string Name => "after_expiry";

    public override int Rules => RuleSet.Of(6);

    public override ProfileRequirements Requirements(SimulationContext ctx, int variant) =>
        new() { FullCoverage = true, ExpiryDuringWindow = true, Disease = PatternHelpers.CommonDisease(ctx, variant) };

    public override bool Apply(InjectionContext ic)
    {
        var p = ic.Patient;
        var disease = PatternHelpers.CommonDisease(ic.Ctx, ic.Variant);
        var approval = p.ApprovalFor(disease);
        var reg = p.Regimens.FirstOrDefault(r => r.Disease == disease);
        if (approval is null || reg is null || approval.ValidUntil >= ic.Ctx.End)
        {
            return false;
        }

        var covered = PatternHelpers.CoveredUntil(ic, reg);
        var date = approval.ValidUntil.AddDays(1);
        date = (date > covered ? date : covered).AddDays(ic.Rng.Between(0, 10));
        if (date >= ic.Ctx.End || date >= p.ActiveUntil || ic.StayOn(date) is not null)
        {
            return false;
        }

        var s = PatternHelpers.LastFill(ic, reg, date);
        ic.TruncateAfter(s.SettledAt);
        ic.Touched.Add(s);
        return true;
    }
}
