using ChronicCare.Monitor.Contract;

namespace ChronicCare.Monitor.Integrity;

/// <summary>What a reviewer decided (contract §5 "after triage").</summary>
public enum ReviewVerdict
{
    /// <summary>The alert is a true finding: an over-prescribing incident counts on the ladder, fraud or resale sanctions at once.</summary>
    Confirm,

    /// <summary>The alert is a false positive; a later decision on the same alert replaces an earlier one.</summary>
    Dismiss,

    /// <summary>A reviewer ends an action (<see cref="ReviewDecision.ActionId"/>): a REINSTATE record.</summary>
    Reinstate,
}

/// <summary>What a confirmation found; fraud and resale (seed Lianyungang 五(一), 五(三)) sanction at once.</summary>
public enum ReviewFinding
{
    /// <summary>The rule's own finding (an over-prescribing incident for R01..R03).</summary>
    Rule,

    /// <summary>骗取待遇: fraud.</summary>
    Fraud,

    /// <summary>倒卖药品: resale.</summary>
    Resale,
}

/// <summary>
/// A triage decision: an input of the engine like an event, keyed by the patient, so the sanctions it drives take
/// effect on R06 in <c>detect</c> and <c>run</c> alike. It carries the alert's rule and incident date (the subject's
/// service date) so the ladder is a function of the decisions alone: a human's confirmation stands even when the
/// alert is later withdrawn, until a reviewer reinstates.
/// </summary>
public sealed class ReviewDecision : InputEvent
{
    public required string PatientId { get; init; }

    public required ReviewVerdict Verdict { get; init; }

    /// <summary>The alert judged (confirm, dismiss); null for a reinstatement.</summary>
    public string? AlertId { get; init; }

    /// <summary>The judged alert's rule (R01..R15).</summary>
    public string? Rule { get; init; }

    /// <summary>The judged alert's service date: R01..R03 alerts of one date are one incident (contract §5).</summary>
    public DateOnly? IncidentDate { get; init; }

    /// <summary>The action a reinstatement ends.</summary>
    public string? ActionId { get; init; }

    public ReviewFinding Finding { get; init; } = ReviewFinding.Rule;

    /// <summary>The authorised user (audited).</summary>
    public required string DecidedBy { get; init; }

    public required Timestamp DecidedAt { get; init; }

    /// <summary>Why (audited); required for a reinstatement.</summary>
    public string? Note { get; init; }

    /// <summary>Deterministic: the same decision replayed is the same record.</summary>
    public string DecisionId => $"REVIEW:{AlertId ?? ActionId}:{DecidedAt.UtcTicks}";

    public override string? PartitionKey => PatientId;
}
