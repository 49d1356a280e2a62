using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Cli.Serving.Integrity;

/// <summary>Where a recorded action stands as of now.</summary>
internal enum ActionState
{
    /// <summary>In force: not revoked and its effective_until (if any) not reached.</summary>
    InForce,

    /// <summary>Its effective_until has passed.</summary>
    Ended,

    /// <summary>A REINSTATE revoked it (a supervisor's, or the engine's after its alerts were dismissed or withdrawn).</summary>
    Revoked,

    /// <summary>The record is itself a REINSTATE.</summary>
    Revocation,
}

/// <summary>
/// An action as the store holds it, with what is about to change: a reinstatement decided but not yet applied by
/// <c>detect</c>/<c>run</c>, or a triage-driven sanction the ladder no longer implies (its confirmation was dismissed).
/// </summary>
internal sealed record RecordedAction(IntegrityAction Action, ActionState State, bool ReinstatementPending, bool NoLongerImplied);
