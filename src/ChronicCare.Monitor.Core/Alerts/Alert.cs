namespace ChronicCare.Monitor.Alerts;

/// <summary>
/// One alert record (contract §4). A later record with the same <see cref="AlertId"/> replaces the earlier one.
/// <see cref="EvidenceJson"/> is a JSON object, kept as text so records compare and serialise cheaply.
/// </summary>
public sealed record Alert(
    string AlertId,
    string Rule,
    AlertStatus Status,
    Severity Severity,
    string? PatientId,
    string? SettlementId,
    string? FacilityId,
    string? Period,
    string EventTime,
    DateTimeOffset DetectedAt,
    double? Score,
    string EvidenceJson,
    string MessageZh,
    string MessageEn)
{
    /// <summary>Deterministic id of a settlement-subject alert: the same rule on the same settlement, every run.</summary>
    public static string IdFor(string rule, string settlementId) => $"{rule}:{settlementId}";

    /// <summary>True when the two records say the same thing (ignoring when they were produced).</summary>
    public bool SameContent(Alert other) =>
        Status == other.Status && Severity == other.Severity && EvidenceJson == other.EvidenceJson
        && MessageEn == other.MessageEn && FacilityId == other.FacilityId && EventTime == other.EventTime && Score == other.Score;
}
