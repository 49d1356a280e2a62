using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Engine;

/// <summary>Alert and action records produced by one flush, in a deterministic order for the same input order.</summary>
public sealed record EngineChanges(IReadOnlyList<Alert> Alerts, IReadOnlyList<IntegrityAction> Actions)
{
    public static EngineChanges None { get; } = new([], []);
}
