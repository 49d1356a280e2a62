using ChronicCare.Monitor.Simulation.Patients;
using ChronicCare.Monitor.Simulation.Rules;

namespace ChronicCare.Monitor.Simulation.Fraud.Patterns;

/// <summary>
/// R06: drugs of a newly approved disease claimed before approval, or after approval but before the benefit
/// starts (the first of the next month, seed Hunan 第十六条). It is the patient's last settlement, so the
/// result does not depend on whether an engine suspends benefits after it.
/// </summary>
internal sealed class BeforeBenefitPattern : FraudPattern
{
    public override string Name => "before_benefit_start";

    public override int Rules => RuleSet.Of(6);

    public override ProfileRequirements Requirements(SimulationContext ctx, int variant) =>
        new() { FullCoverage = true, ApprovalDuringWindow = true, Disease = PatternHelpers.CommonDisease(ctx, variant) };

    public override bool Apply(InjectionContext ic)
    {
        var p = ic.Patient;
        var disease = PatternHelpers.CommonDisease(ic.Ctx, ic.Variant);
        var approval = p.ApprovalFor(disease);
        var reg = p.Regimens.FirstOrDefault(r => r.Disease == disease);
        if (approval is null || reg is null || approval.BenefitStart <= ic.Ctx.Start)
        {
            return false;
        }

        // Variant bit: before the approval itself, or in the approval month before benefits start.
        var date = (ic.Variant / 4) % 2 == 0
            ? approval.ApprovedOn.AddDays(-ic.Rng.Between(1, 20))
            : approval.ApprovedOn.AddDays(ic.Rng.Between(0, approval.BenefitStart.DayNumber - approval.ApprovedOn.DayNumber - 1));
        if (date < ic.Ctx.Start || date >= p.ActiveUntil || ic.StayOn(date) is not null)
        {
            return false;
        }

        var s = PatternHelpers.LastFill(ic, reg, date);
        ic.TruncateAfter(s.SettledAt);
        ic.Touched.Add(s);
        return true;
    }
}
