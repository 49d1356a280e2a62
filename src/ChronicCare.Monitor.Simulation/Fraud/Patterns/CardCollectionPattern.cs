using ChronicCare.Monitor.Simulation.Rules;

namespace ChronicCare.Monitor.Simulation.Fraud.Patterns;

/// <summary>
/// R14 集中持卡购药: one person presents the cards of several patients within 30 days. Injected across
/// consecutive patients by <see cref="CardCollectionRing"/>; this class only names it in the plan.
/// </summary>
internal sealed class CardCollectionPattern : FraudPattern
{
    /// <summary>Patients whose cards one collector presents.</summary>
    public const int RingSize = 4;

    public override string Name => "card_collection";

    public override int Rules => RuleSet.Of(14);

    public override PatternScope Scope => PatternScope.Ring;

    public override bool Apply(InjectionContext ic) => false;
}
