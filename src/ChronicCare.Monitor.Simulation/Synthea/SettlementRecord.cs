using System.Globalization;
using System.Text.Json;

namespace ChronicCare.Monitor.Simulation.Synthea;

/// <summary>Writes one fill as a contract settlement (§2): one drug line, 80 % fund share, card identity; long_prescription for 31..84-day fills.</summary>
internal static class SettlementRecord
{
    public static void Write(Utf8JsonWriter w, long number, Fill fill, SyntheaPatient patient, SyntheaFacility facility, SyntheaDrug drug)
    {
        var id = number.ToString("D8", CultureInfo.InvariantCulture);
        var total = fill.AmountCents;
        var fund = ((total * 8) + 5) / 10; // round(total × 0.8) to the cent, half up (amounts are >= 0)
        var quantity = fill.DaysSupply;
        w.WriteStartObject();
        w.WriteString("type", "settlement");
        w.WriteString("settlement_id", "SYS" + id);
        w.WriteString("settled_at", fill.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T09:00:00+08:00");
        w.WriteString("patient_id", patient.PatientId);
        w.WriteString("card_id", patient.CardId);
        w.WriteString("facility_id", facility.FacilityId);
        w.WriteNull("prescribing_facility_id");
        w.WriteString("prescriber_id", patient.PrescriberId);
        w.WriteString("prescriber_title", "attending");
        w.WriteString("disease_code", fill.DiseaseCode);
        w.WriteStartObject("identity");
        w.WriteString("method", "card");
        w.WriteBoolean("verified", true);
        w.WriteString("presenter_id", "H" + patient.PatientId);
        w.WriteNull("face_score");
        w.WriteNull("proxy_id");
        w.WriteEndObject();
        w.WriteStartObject("prescription");
        w.WriteString("prescription_id", "SYRX" + id);
        w.WriteBoolean("long_prescription", fill.LongPrescription);
        w.WriteNull("note");
        w.WriteEndObject();
        w.WriteStartArray("lines");
        w.WriteStartObject();
        w.WriteNumber("line_no", 1);
        w.WriteString("item_type", "drug");
        w.WriteString("item_code", drug.DrugCode);
        w.WriteNumber("quantity", quantity);
        w.WriteNumber("unit_price", Math.Round(total / 100m / quantity, 4, MidpointRounding.AwayFromZero));
        JsonlFile.Money(w, "amount", total);
        w.WriteNumber("days_supply", fill.DaysSupply);
        w.WriteEndObject();
        w.WriteEndArray();
        JsonlFile.Money(w, "total_amount", total);
        JsonlFile.Money(w, "fund_paid", fund);
        JsonlFile.Money(w, "self_paid", total - fund);
        w.WriteEndObject();
    }
}
