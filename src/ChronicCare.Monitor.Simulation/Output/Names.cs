using System.Text.Json;

namespace ChronicCare.Monitor.Simulation.Output;

/// <summary>Pre-encoded property names of the contract (encoded once, not per record).</summary>
internal static class Names
{
    public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    public static readonly JsonEncodedText SettlementId = JsonEncodedText.Encode("settlement_id");
    public static readonly JsonEncodedText SettledAt = JsonEncodedText.Encode("settled_at");
    public static readonly JsonEncodedText PatientId = JsonEncodedText.Encode("patient_id");
    public static readonly JsonEncodedText CardId = JsonEncodedText.Encode("card_id");
    public static readonly JsonEncodedText FacilityId = JsonEncodedText.Encode("facility_id");
    public static readonly JsonEncodedText PrescribingFacilityId = JsonEncodedText.Encode("prescribing_facility_id");
    public static readonly JsonEncodedText PrescriberId = JsonEncodedText.Encode("prescriber_id");
    public static readonly JsonEncodedText PrescriberTitle = JsonEncodedText.Encode("prescriber_title");
    public static readonly JsonEncodedText DiseaseCode = JsonEncodedText.Encode("disease_code");
    public static readonly JsonEncodedText Identity = JsonEncodedText.Encode("identity");
    public static readonly JsonEncodedText Method = JsonEncodedText.Encode("method");
    public static readonly JsonEncodedText Verified = JsonEncodedText.Encode("verified");
    public static readonly JsonEncodedText PresenterId = JsonEncodedText.Encode("presenter_id");
    public static readonly JsonEncodedText FaceScore = JsonEncodedText.Encode("face_score");
    public static readonly JsonEncodedText ProxyId = JsonEncodedText.Encode("proxy_id");
    public static readonly JsonEncodedText Prescription = JsonEncodedText.Encode("prescription");
    public static readonly JsonEncodedText PrescriptionId = JsonEncodedText.Encode("prescription_id");
    public static readonly JsonEncodedText LongPrescription = JsonEncodedText.Encode("long_prescription");
    public static readonly JsonEncodedText Note = JsonEncodedText.Encode("note");
    public static readonly JsonEncodedText Lines = JsonEncodedText.Encode("lines");
    public static readonly JsonEncodedText LineNo = JsonEncodedText.Encode("line_no");
    public static readonly JsonEncodedText ItemType = JsonEncodedText.Encode("item_type");
    public static readonly JsonEncodedText ItemCode = JsonEncodedText.Encode("item_code");
    public static readonly JsonEncodedText Quantity = JsonEncodedText.Encode("quantity");
    public static readonly JsonEncodedText UnitPrice = JsonEncodedText.Encode("unit_price");
    public static readonly JsonEncodedText Amount = JsonEncodedText.Encode("amount");
    public static readonly JsonEncodedText DaysSupply = JsonEncodedText.Encode("days_supply");
    public static readonly JsonEncodedText TotalAmount = JsonEncodedText.Encode("total_amount");
    public static readonly JsonEncodedText FundPaid = JsonEncodedText.Encode("fund_paid");
    public static readonly JsonEncodedText SelfPaid = JsonEncodedText.Encode("self_paid");
    public static readonly JsonEncodedText ReversedAt = JsonEncodedText.Encode("reversed_at");
    public static readonly JsonEncodedText StayId = JsonEncodedText.Encode("stay_id");
    public static readonly JsonEncodedText AdmittedAt = JsonEncodedText.Encode("admitted_at");
    public static readonly JsonEncodedText DischargedAt = JsonEncodedText.Encode("discharged_at");

    public static readonly JsonEncodedText Settlement = JsonEncodedText.Encode("settlement");
    public static readonly JsonEncodedText Reversal = JsonEncodedText.Encode("reversal");
    public static readonly JsonEncodedText Admission = JsonEncodedText.Encode("admission");
    public static readonly JsonEncodedText Discharge = JsonEncodedText.Encode("discharge");
    public static readonly JsonEncodedText Drug = JsonEncodedText.Encode("drug");
    public static readonly JsonEncodedText Exam = JsonEncodedText.Encode("exam");
    public static readonly JsonEncodedText Treatment = JsonEncodedText.Encode("treatment");

    public static readonly JsonEncodedText[] Methods =
    [
        JsonEncodedText.Encode("card"), JsonEncodedText.Encode("e_voucher"), JsonEncodedText.Encode("face"), JsonEncodedText.Encode("proxy"),
    ];

    public static readonly JsonEncodedText[] Titles =
    [
        JsonEncodedText.Encode("resident"), JsonEncodedText.Encode("attending"), JsonEncodedText.Encode("associate_chief"), JsonEncodedText.Encode("chief"),
    ];
}
