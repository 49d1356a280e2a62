using ChronicCare.Monitor.Contract;

namespace ChronicCare.Monitor.State;

/// <summary>
/// The card and presenter use of a settlement pruned from its patient's state. The engine's use index keeps uses
/// for the horizon minus 31 days, longer than the settlements themselves (R05 and R14 of later settlements read
/// them), so an engine restored from exported patients must get them back from somewhere: here.
/// </summary>
internal readonly record struct PrunedUse(string CardId, string? PresenterId, KeyedUse Use)
{
    /// <summary>The uses the engine indexed for the settlement: the presenter only when not a proxy (as R14 counts).</summary>
    public static PrunedUse Of(Settlement s) => new(
        s.CardId,
        s.Identity.Method == IdentityMethod.Proxy ? null : s.Identity.PresenterId,
        new KeyedUse(s.SettledAt.UtcTicks, s.SettlementId, s.PatientId, s.FacilityId));
}
