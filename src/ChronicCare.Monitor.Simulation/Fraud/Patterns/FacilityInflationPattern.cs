using ChronicCare.Monitor.Simulation.Rules;

namespace ChronicCare.Monitor.Simulation.Fraud.Patterns;

/// <summary>
/// R12 高均次费用机构: a facility adds therapy lines to its chronic-disease settlements for a month. Injected by
/// <see cref="FacilityInflation"/> over every patient who visits it; this class only names it in the plan.
/// </summary>
internal sealed class FacilityInflationPattern : FraudPattern
{
    public override string Name => "facility_cost_inflation";

    public override int Rules => RuleSet.None;

    public override int StatisticalRules => RuleSet.Of(12);

    public override PatternScope Scope => PatternScope.Facility;

    public override bool IsFeasible(SimulationContext ctx) => FacilityInflation.EligibleGroups(ctx).Count > 0;

    public override bool Apply(InjectionContext ic) => false;
}
