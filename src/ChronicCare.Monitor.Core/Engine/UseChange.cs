namespace ChronicCare.Monitor.Engine;

/// <summary>Which cross-patient index a use belongs to: the card (R05 impossible travel) or the presenter (R14).</summary>
public enum UseKind
{
    Card,
    Presenter,
}

/// <summary>
/// One use of a card or presenter by a settlement, as the stream runtime shares it between partitions: the
/// key is not the patient, so the patients it links may be processed by other partitions and processes.
/// </summary>
public readonly record struct SharedUse(long UtcTicks, string SettlementId, string PatientId, string FacilityId);

/// <summary>A use added (settlement applied) or removed (settlement reversed) since the runtime last drained the engine.</summary>
public readonly record struct UseChange(UseKind Kind, string Key, SharedUse Use, bool Removed);
