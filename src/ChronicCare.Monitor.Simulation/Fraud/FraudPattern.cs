using ChronicCare.Monitor.Simulation.Patients;
using ChronicCare.Monitor.Simulation.Timeline;

namespace ChronicCare.Monitor.Simulation.Fraud;

/// <summary>
/// One labelled deviation injected into one patient. A pattern shapes the patient (<see cref="Requirements"/>),
/// may steer the refill schedule (<see cref="Tweak"/>) and edits the generated timeline (<see cref="Apply"/>);
/// the injector then checks with the rule evaluator that exactly <see cref="Rules"/> fire.
/// </summary>
internal abstract class FraudPattern
{
    /// <summary>Most patterns deviate one patient; card collection needs several, facility inflation none.</summary>
    public virtual PatternScope Scope => PatternScope.Patient;

    /// <summary>The label's "pattern" value (snake_case).</summary>
    public abstract string Name { get; }

    /// <summary>The exact rules the deviation must fire (bits); 0 for R12/R13 and model-only patterns.</summary>
    public abstract int Rules { get; }

    /// <summary>Rule numbers for statistical rules the label names without the evaluator checking them.</summary>
    public virtual int StatisticalRules => 0;

    public virtual bool IsFeasible(SimulationContext ctx) => true;

    public virtual ProfileRequirements Requirements(SimulationContext ctx, int variant) => new() { FullCoverage = true };

    public virtual FillTweak? Tweak(InjectionContext ic) => null;

    /// <summary>Edits the timeline; false when this patient's timeline offers no place for the deviation.</summary>
    public abstract bool Apply(InjectionContext ic);
}

internal enum PatternScope
{
    Patient,

    /// <summary>One presenter across several consecutive patients (R14).</summary>
    Ring,

    /// <summary>One facility-month (R12): the settlements of whoever visits it are inflated.</summary>
    Facility,
}
