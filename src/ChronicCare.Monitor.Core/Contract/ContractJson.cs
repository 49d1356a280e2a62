using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Rules;

namespace ChronicCare.Monitor.Contract;

/// <summary>Writes alert, action and dead-letter records in the contract's JSON shape (contract §4, §5, §6).</summary>
public static class ContractJson
{
    /// <summary>Chinese stays readable in the output (messages, evidence).</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The same escaping for a serializer (Chinese text as itself, not \u escapes).</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One record as UTF-8 JSON bytes (a Kafka message value).</summary>
    public static byte[] ToUtf8(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(w);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A dead letter (contract §6): where it came from, why, and the original bytes (as text when UTF-8, else base64).</summary>
    public static void Write(Utf8JsonWriter w, DeadLetter d)
    {
        w.WriteStartObject();
        if (d.Partition is { } p)
        {
            w.WriteString("topic", d.Source);
            w.WriteNumber("partition", p);
            w.WriteNumber("offset", d.Line);
        }
        else
        {
            w.WriteString("file", d.Source);
            w.WriteNumber("line", d.Line);
        }

        w.WriteString("reason", d.Reason);
        if (Utf8.IsValid(d.Original.Span))
        {
            w.WriteString("original", Encoding.UTF8.GetString(d.Original.Span));
        }
        else
        {
            w.WriteBase64String("original_base64", d.Original.Span);
        }

        w.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter w, Alert a)
    {
        w.WriteStartObject();
        WriteAlertFields(w, a);
        w.WriteEndObject();
    }

    /// <summary>The contract alert record's properties, for writers that add their own beside them (the triage API).</summary>
    public static void WriteAlertFields(Utf8JsonWriter w, Alert a)
    {
        WriteAlertSubject(w, a);
        w.WriteString("event_time", a.EventTime);
        w.WriteString("detected_at", Format(a.DetectedAt));
        if (a.Score is { } score)
        {
            w.WriteNumber("score", score);
        }
        else
        {
            w.WriteNull("score");
        }

        w.WritePropertyName("evidence");
        w.WriteRawValue(a.EvidenceJson, skipInputValidation: true);
        w.WriteString("message_zh", a.MessageZh);
        w.WriteString("message_en", a.MessageEn);
    }

    public static void Write(Utf8JsonWriter w, IntegrityAction a)
    {
        w.WriteStartObject();
        w.WriteString("action_id", a.ActionId);
        w.WriteString("patient_id", a.PatientId);
        w.WriteString("action", IntegrityAction.NameOf(a.Action));
        w.WriteString("effective_from", a.EffectiveFrom.ToString());
        NullableString(w, "effective_until", a.EffectiveUntil?.ToString());
        w.WriteString("reason_rule", a.ReasonRule);
        w.WriteStartArray("alert_ids");
        foreach (var id in a.AlertIds)
        {
            w.WriteStringValue(id);
        }

        w.WriteEndArray();
        w.WriteBoolean("automatic", a.Automatic);
        NullableString(w, "decided_by", a.DecidedBy);
        if (a.Action == ActionKind.Reinstate)
        {
            w.WriteString("revokes", a.Revokes);
        }

        w.WriteString("decided_at", Format(a.DecidedAt));
        w.WriteEndObject();
    }

    /// <summary>An alert's identity and subject fields (id, rule, name, status, severity, patient, settlement, facility, period), as every alert record spells them.</summary>
    public static void WriteAlertSubject(Utf8JsonWriter w, Alert a)
    {
        w.WriteString("alert_id", a.AlertId);
        w.WriteString("rule", a.Rule);
        w.WriteString("name", RuleCatalog.IsKnown(a.Rule) ? RuleCatalog.Name(a.Rule) : a.Rule);
        w.WriteString("status", a.Status == AlertStatus.Open ? "open" : "withdrawn");
        w.WriteString("severity", a.Severity switch { Severity.High => "high", Severity.Medium => "medium", _ => "low" });
        NullableString(w, "patient_id", a.PatientId);
        NullableString(w, "settlement_id", a.SettlementId);
        NullableString(w, "facility_id", a.FacilityId);
        NullableString(w, "period", a.Period);
    }

    public static string Format(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static void NullableString(Utf8JsonWriter w, string name, string? value)
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
