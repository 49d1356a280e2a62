using System.Text.Json;
using ChronicCare.Monitor.Simulation.Fraud;
using ChronicCare.Monitor.Simulation.Rules;

namespace ChronicCare.Monitor.Simulation.Output;

/// <summary>labels.jsonl: one line per injected deviation (label ids in write order).</summary>
internal static class LabelWriter
{
    public static void Label(Utf8JsonWriter w, int number, LabelDraft label)
    {
        w.WriteStartObject();
        w.WriteString("label_id", $"L{number:D6}");
        w.WriteString("pattern", label.Pattern);
        w.WriteStartArray("rules");
        foreach (var r in RuleSet.Rules(label.Rules))
        {
            w.WriteStringValue(RuleSet.Name(r));
        }

        w.WriteEndArray();
        w.WriteStartArray("settlement_ids");
        foreach (var id in label.SettlementIds)
        {
            w.WriteStringValue(id);
        }

        w.WriteEndArray();
        Nullable(w, "patient_id", label.PatientId);
        Nullable(w, "facility_id", label.FacilityId);
        Nullable(w, "period", label.Period);
        if (label.DiseaseCode is not null)
        {
            w.WriteString("disease_code", label.DiseaseCode);
        }

        if (label.PresenterId is not null)
        {
            w.WriteString("presenter_id", label.PresenterId);
        }

        if (label.PatientIds is not null)
        {
            w.WriteStartArray("patient_ids");
            foreach (var id in label.PatientIds)
            {
                w.WriteStringValue(id);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void Nullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
