using System.Runtime.CompilerServices;
using System.Text.Json;
using ChronicCare.Monitor.Simulation.Catalog;
using ChronicCare.Monitor.Simulation.Patients;
using ChronicCare.Monitor.Simulation.World;

namespace ChronicCare.Monitor.Simulation.Output;

/// <summary>Reference records in the shapes of contract §1 (no "type" field: these are the start-up files).</summary>
internal static class ReferenceWriter
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Facility(Utf8JsonWriter w, FacilityInfo f)
    {
        w.WriteStartObject();
        w.WriteString("facility_id", f.Id);
        w.WriteString("name", f.Name);
        w.WriteString("kind", f.Kind switch
        {
            FacilityKind.Hospital => "hospital",
            FacilityKind.Community => "community",
            FacilityKind.Clinic => "clinic",
            _ => "pharmacy",
        });
        w.WriteNumber("level", f.Level);
        w.WriteString("region", f.Region);
        w.WriteBoolean("essential_drugs_only", f.EssentialOnly);
        w.WriteEndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Drug(Utf8JsonWriter w, MedicalCatalog catalog, DrugInfo d)
    {
        var ing = catalog.Ingredients[d.Ingredient];
        w.WriteStartObject();
        w.WriteString("drug_code", d.Code);
        w.WriteString("name", d.Name);
        w.WriteString("ingredient", ing.Name);
        w.WriteString("therapeutic_class", ing.Atc);
        w.WriteBoolean("essential", d.Essential);
        if (ing.Gender is { } g)
        {
            w.WriteString("gender", g == 'M' ? "M" : "F");
        }
        else
        {
            w.WriteNull("gender");
        }

        NullableInt(w, "min_age", ing.MinAge);
        NullableInt(w, "max_age", ing.MaxAge);
        w.WriteStartArray("diseases");
        foreach (var disease in ing.Diseases)
        {
            w.WriteStringValue(catalog.Diseases[disease].Code);
        }

        w.WriteEndArray();
        w.WritePropertyName("reference_unit_price");
        JsonFormat.Money(w, d.PriceCents);
        w.WriteEndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Disease(Utf8JsonWriter w, DiseaseInfo d)
    {
        w.WriteStartObject();
        w.WriteString("disease_code", d.Code);
        w.WriteString("name", d.Name);
        w.WritePropertyName("monthly_quota");
        JsonFormat.Money(w, d.QuotaCents);
        w.WriteEndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Patient(Utf8JsonWriter w, SimulationContext ctx, PatientProfile p)
    {
        w.WriteStartObject();
        w.WriteString("patient_id", p.Id);
        w.WriteString("gender", p.Sex == 'M' ? "M" : "F");
        JsonFormat.Date(w, JsonEncodedText.Encode("birth_date"), p.BirthDate);
        w.WriteString("insurance", p.Employee ? "employee" : "resident");
        w.WriteBoolean("retired", p.Retired);
        w.WriteString("region", p.Region);
        w.WriteStartArray("card_ids");
        foreach (var c in p.Cards)
        {
            w.WriteStringValue(c);
        }

        w.WriteEndArray();
        w.WriteStartArray("statuses");
        foreach (var s in p.Statuses)
        {
            w.WriteStartObject();
            w.WriteString("status", s.Status);
            JsonFormat.Date(w, From, s.From);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("diseases");
        foreach (var a in p.Approvals)
        {
            w.WriteStartObject();
            w.WriteString("disease_code", ctx.Catalog.Diseases[a.Disease].Code);
            JsonFormat.Date(w, ApprovedOn, a.ApprovedOn);
            JsonFormat.Date(w, ValidUntil, a.ValidUntil);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (p.Designated)
        {
            // One entry per natural year of the window (seed Lianyungang 三(一)): the facilities actually used.
            w.WriteStartObject("designated");
            for (var year = ctx.Start.Year; year <= ctx.End.AddDays(-1).Year; year++)
            {
                w.WriteStartObject(year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
                w.WriteString("grassroots", ctx.World.Facilities[p.Grassroots].Id);
                w.WriteString("hospital", ctx.World.Facilities[p.Hospital].Id);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static readonly JsonEncodedText From = JsonEncodedText.Encode("from");
    private static readonly JsonEncodedText ApprovedOn = JsonEncodedText.Encode("approved_on");
    private static readonly JsonEncodedText ValidUntil = JsonEncodedText.Encode("valid_until");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NullableInt(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
