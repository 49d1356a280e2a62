using System.Text.Json;

namespace ChronicCare.Monitor.Cli.Benchmarks;

/// <summary>
/// The event shape as plain DTOs for the "bare deserialise" baseline: System.Text.Json's serializer turning each
/// line into objects with no validation, the least a consumer of these events must do.
/// </summary>
internal sealed class BareEventDto
{
    public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public string? Type { get; set; }

    public string? SettlementId { get; set; }

    public DateTimeOffset? SettledAt { get; set; }

    public string? PatientId { get; set; }

    public string? CardId { get; set; }

    public string? FacilityId { get; set; }

    public string? PrescribingFacilityId { get; set; }

    public string? PrescriberId { get; set; }

    public string? PrescriberTitle { get; set; }

    public string? DiseaseCode { get; set; }

    public IdentityDto? Identity { get; set; }

    public PrescriptionDto? Prescription { get; set; }

    public List<LineDto>? Lines { get; set; }

    public decimal TotalAmount { get; set; }

    public decimal FundPaid { get; set; }

    public decimal SelfPaid { get; set; }

    public DateTimeOffset? ReversedAt { get; set; }

    public string? StayId { get; set; }

    public DateTimeOffset? AdmittedAt { get; set; }

    public DateTimeOffset? DischargedAt { get; set; }

    internal sealed class IdentityDto
    {
        public string? Method { get; set; }

        public bool Verified { get; set; }

        public string? PresenterId { get; set; }

        public decimal? FaceScore { get; set; }

        public string? ProxyId { get; set; }
    }

    internal sealed class PrescriptionDto
    {
        public string? PrescriptionId { get; set; }

        public bool LongPrescription { get; set; }

        public string? Note { get; set; }
    }

    internal sealed class LineDto
    {
        public int LineNo { get; set; }

        public string? ItemType { get; set; }

        public string? ItemCode { get; set; }

        public decimal Quantity { get; set; }

        public decimal UnitPrice { get; set; }

        public decimal Amount { get; set; }

        public int? DaysSupply { get; set; }
    }
}
