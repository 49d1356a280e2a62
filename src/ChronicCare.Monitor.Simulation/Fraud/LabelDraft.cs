namespace ChronicCare.Monitor.Simulation.Fraud;

/// <summary>
/// One injected deviation, as written to labels.jsonl. <see cref="SettlementIds"/> are the settlements that must
/// carry the alerts of <see cref="Rules"/> (R01-R11, R14); for R12/R13 and model-only patterns, whose alerts
/// have no settlement, they are the settlements that were inflated or altered.
/// </summary>
internal sealed class LabelDraft
{
    public required string Pattern { get; init; }

    public required int Rules { get; init; }

    public required List<string> SettlementIds { get; init; }

    public string? PatientId { get; init; }

    public string? FacilityId { get; init; }

    /// <summary>YYYY-MM for R12 and R13.</summary>
    public string? Period { get; init; }

    public string? DiseaseCode { get; init; }

    /// <summary>The collector of a card-collection ring (R14).</summary>
    public string? PresenterId { get; init; }

    public List<string>? PatientIds { get; init; }
}
