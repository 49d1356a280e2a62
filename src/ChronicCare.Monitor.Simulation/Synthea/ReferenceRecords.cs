using System.Text.Json;

namespace ChronicCare.Monitor.Simulation.Synthea;

/// <summary>Writes the reference tables (contract §1) in the contract's field order.</summary>
internal static class ReferenceRecords
{
    public static void Facility(Utf8JsonWriter w, SyntheaFacility f)
    {
        w.WriteStartObject();
        w.WriteString("facility_id", f.FacilityId);
        w.WriteString("name", f.Name);
        w.WriteString("kind", f.Kind);
        w.WriteNumber("level", f.Level);
        w.WriteString("region", f.Region);
        w.WriteBoolean("essential_drugs_only", false);
        w.WriteEndObject();
    }

    public static void Drug(Utf8JsonWriter w, SyntheaDrug d)
    {
        w.WriteStartObject();
        w.WriteString("drug_code", d.DrugCode);
        w.WriteString("name", d.Name);
        w.WriteString("ingredient", d.Ingredient);
        w.WriteString("therapeutic_class", TherapeuticClasses.Of(d.Ingredient));
        w.WriteBoolean("essential", true);
        w.WriteNull("gender");
        w.WriteNull("min_age");
        w.WriteNull("max_age");
        w.WriteStartArray("diseases");
        foreach (var disease in d.Diseases)
        {
            w.WriteStringValue(disease);
        }

        w.WriteEndArray();
        JsonlFile.Money(w, "reference_unit_price", d.MedianDispenseCents());
        w.WriteEndObject();
    }

    public static void Disease(Utf8JsonWriter w, ChronicDisease d)
    {
        w.WriteStartObject();
        w.WriteString("disease_code", d.Code);
        w.WriteString("name", d.Name);
        JsonlFile.Money(w, "monthly_quota", d.QuotaYuan * 100L);
        w.WriteEndObject();
    }

    /// <param name="fillSpans">The patient's first and last fill date per disease code, sorted by code.</param>
    public static void Patient(Utf8JsonWriter w, SyntheaPatient p, bool retired, SortedDictionary<string, (DateOnly First, DateOnly Last)> fillSpans)
    {
        w.WriteStartObject();
        w.WriteString("patient_id", p.PatientId);
        w.WriteString("gender", p.Gender);
        JsonlFile.Date(w, "birth_date", p.BirthDate);
        w.WriteString("insurance", StableHash.Pick("insurance", p.SourceId, 2) == 0 ? "employee" : "resident");
        w.WriteBoolean("retired", retired);
        w.WriteString("region", p.Region);
        w.WriteStartArray("card_ids");
        w.WriteStringValue(p.CardId);
        w.WriteEndArray();
        w.WriteStartArray("statuses");
        Status(w, "active", p.BirthDate);
        if (p.DeathDate is { } death)
        {
            Status(w, "deceased", death);
        }

        w.WriteEndArray();
        w.WriteStartArray("diseases");
        foreach (var (code, span) in fillSpans)
        {
            foreach (var (approved, validUntil) in SyntheaImporter.ApprovalChain(span.First, span.Last))
            {
                w.WriteStartObject();
                w.WriteString("disease_code", code);
                JsonlFile.Date(w, "approved_on", approved);
                JsonlFile.Date(w, "valid_until", validUntil);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Status(Utf8JsonWriter w, string status, DateOnly from)
    {
        w.WriteStartObject();
        w.WriteString("status", status);
        JsonlFile.Date(w, "from", from);
        w.WriteEndObject();
    }
}
