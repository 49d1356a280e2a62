using System.Globalization;
using System.Text.Json;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Rules;

namespace ChronicCare.Monitor.ClickHouse;

/// <summary>
/// Alert and action records as JSONEachRow rows of <see cref="ClickHouseSchema"/>'s tables: the contract's fields
/// (<see cref="ContractJson"/> writes the same records for Kafka and files) reshaped for columns, plus <c>version</c>.
/// </summary>
internal static class ClickHouseRows
{
    /// <summary>The row version: the later emission of an id wins. Unix milliseconds (0 before 1970, which DateTime cannot hold anyway).</summary>
    public static ulong Version(DateTimeOffset emittedAt) => (ulong)Math.Max(0, emittedAt.ToUnixTimeMilliseconds());

    public static byte[] Alert(Alert a) => ContractJson.ToUtf8(w =>
    {
        w.WriteStartObject();
        ContractJson.WriteAlertSubject(w, a);
        w.WriteString("event_time", a.EventTime); // the contract's timestamp with its offset; best_effort reads the instant
        w.WriteString("detected_at", Utc(a.DetectedAt));
        if (a.Score is { } score)
        {
            w.WriteNumber("score", score);
        }
        else
        {
            w.WriteNull("score");
        }

        w.WriteString("evidence", a.EvidenceJson); // the object's JSON text in a String column: JSONExtract* or the app reads it
        w.WriteString("message_zh", a.MessageZh);
        w.WriteString("message_en", a.MessageEn);
        w.WriteNumber("version", Version(a.DetectedAt));
        w.WriteEndObject();
    });

    public static byte[] Action(IntegrityAction a) => ContractJson.ToUtf8(w =>
    {
        w.WriteStartObject();
        w.WriteString("action_id", a.ActionId);
        w.WriteString("patient_id", a.PatientId);
        w.WriteString("action", IntegrityAction.NameOf(a.Action));
        w.WriteString("effective_from", Utc(a.EffectiveFrom.Value));
        NullableString(w, "effective_until", a.EffectiveUntil is { } until ? Utc(until.Value) : null);
        w.WriteString("reason_rule", a.ReasonRule);
        w.WriteStartArray("alert_ids");
        foreach (var id in a.AlertIds)
        {
            w.WriteStringValue(id);
        }

        w.WriteEndArray();
        w.WriteNumber("automatic", a.Automatic ? 1 : 0); // UInt8: 18.16 does not read JSON true/false into it
        NullableString(w, "decided_by", a.DecidedBy);
        NullableString(w, "revokes", a.Revokes);
        w.WriteString("decided_at", Utc(a.DecidedAt));
        w.WriteNumber("version", Version(a.DecidedAt));
        w.WriteEndObject();
    });

    /// <summary>Whole seconds in UTC with a Z: what a DateTime column holds, in a form best_effort reads on every version.</summary>
    private static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

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
