using ChronicCare.Monitor.Contract;

namespace ChronicCare.Monitor.Integrity;

/// <summary>
/// An action record (contract §5). In force from <see cref="EffectiveFrom"/> until <see cref="EffectiveUntil"/>
/// or until a REINSTATE names it in <see cref="Revokes"/>.
/// </summary>
public sealed record IntegrityAction(
    string ActionId,
    string PatientId,
    ActionKind Action,
    Timestamp EffectiveFrom,
    Timestamp? EffectiveUntil,
    string ReasonRule,
    IReadOnlyList<string> AlertIds,
    bool Automatic,
    string? DecidedBy,
    string? Revokes,
    DateTimeOffset DecidedAt)
{
    /// <summary>Contract spelling of the action (e.g. <c>SELF_PAY</c>).</summary>
    public static string NameOf(ActionKind kind) => kind switch
    {
        ActionKind.Warning => "WARNING",
        ActionKind.Suspend => "SUSPEND",
        ActionKind.SelfPay => "SELF_PAY",
        ActionKind.Cancel => "CANCEL",
        ActionKind.Ban => "BAN",
        ActionKind.Referral => "REFERRAL",
        _ => "REINSTATE",
    };

    /// <summary>
    /// The id without a trailing re-issue generation (<c>WARNING:P1:20260301#2</c> → <c>WARNING:P1:20260301</c>).
    /// Syntactic only: a subject id that itself ends in <c>#</c> and digits looks the same, so callers check the result
    /// against the ids they know.
    /// </summary>
    public static string BaseId(string actionId)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        var hash = actionId.LastIndexOf('#');
        return hash > 0 && hash < actionId.Length - 1 && actionId.AsSpan(hash + 1).IndexOfAnyExceptInRange('0', '9') < 0 ? actionId[..hash] : actionId;
    }

    /// <summary>True when this action (not revoked) covers an instant strictly after it took effect (contract §3: later settled_at).</summary>
    public bool CoversLaterInstant(long utcTicks) =>
        EffectiveFrom.UtcTicks < utcTicks && (EffectiveUntil is null || utcTicks < EffectiveUntil.Value.UtcTicks);

    /// <summary>
    /// The actions of a final set that no REINSTATE revokes (REINSTATE records themselves excluded), by id.
    /// effective_until is not applied: this is the set as of the data, not as of a clock.
    /// </summary>
    public static IReadOnlyList<IntegrityAction> InForce(IEnumerable<IntegrityAction> actions)
    {
        var all = actions as IReadOnlyCollection<IntegrityAction> ?? actions.ToList();
        var revoked = all.Where(a => a.Action == ActionKind.Reinstate).Select(a => a.Revokes).ToHashSet(StringComparer.Ordinal);
        return all.Where(a => a.Action != ActionKind.Reinstate && !revoked.Contains(a.ActionId)).OrderBy(a => a.ActionId, StringComparer.Ordinal).ToList();
    }

    public bool SameContent(IntegrityAction other) =>
        Action == other.Action && EffectiveFrom == other.EffectiveFrom && EffectiveUntil == other.EffectiveUntil
        && ReasonRule == other.ReasonRule && AlertIds.SequenceEqual(other.AlertIds) && Revokes == other.Revokes
        && DecidedBy == other.DecidedBy;
}
