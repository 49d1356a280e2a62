using System.Globalization;
using System.Text.Json;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Parsing;

namespace ChronicCare.Monitor.Integrity;

/// <summary>
/// The JSON line of a review decision (<c>"type":"review"</c>): how <c>chroniccare triage</c> hands a decision to the
/// engine, as a file line for <c>detect --reviews</c> and as a record on the events topic (keyed by the patient,
/// marked by a header so a contract producer can never inject one). Decisions are rare: a DOM parse is plenty.
/// </summary>
public static class ReviewJson
{
    public const string Type = "review";

    public static byte[] ToUtf8(ReviewDecision d) => ContractJson.ToUtf8(w => Write(w, d));

    public static void Write(Utf8JsonWriter w, ReviewDecision d)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(d);
        w.WriteStartObject();
        w.WriteString("type", Type);
        w.WriteString("decision_id", d.DecisionId);
        w.WriteString("decision", VerdictName(d.Verdict));
        w.WriteString("patient_id", d.PatientId);
        if (d.AlertId is not null)
        {
            w.WriteString("alert_id", d.AlertId);
        }

        if (d.ActionId is not null)
        {
            w.WriteString("action_id", d.ActionId);
        }

        if (d.Rule is not null)
        {
            w.WriteString("rule", d.Rule);
        }

        if (d.IncidentDate is { } date)
        {
            w.WriteString("incident_date", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        w.WriteString("finding", FindingName(d.Finding));
        w.WriteString("decided_by", d.DecidedBy);
        w.WriteString("decided_at", d.DecidedAt.ToString());
        if (d.Note is not null)
        {
            w.WriteString("note", d.Note);
        }

        w.WriteEndObject();
    }

    /// <summary>A decision, or the one-line reason the line is not one (it then goes to the dead-letter output).</summary>
    public static ParseOutcome Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            using var doc = JsonDocument.Parse(utf8.ToArray());
            var o = doc.RootElement;
            if (o.ValueKind != JsonValueKind.Object)
            {
                return ParseOutcome.Bad("not a JSON object");
            }

            if (Str(o, "type") != Type)
            {
                return ParseOutcome.Bad($"review: type must be \"{Type}\"");
            }

            var verdict = Str(o, "decision") switch
            {
                "confirm" => ReviewVerdict.Confirm,
                "dismiss" => ReviewVerdict.Dismiss,
                "reinstate" => (ReviewVerdict?)ReviewVerdict.Reinstate,
                _ => null,
            };
            var finding = (Str(o, "finding") ?? "rule") switch
            {
                "rule" => ReviewFinding.Rule,
                "fraud" => ReviewFinding.Fraud,
                "resale" => (ReviewFinding?)ReviewFinding.Resale,
                _ => null,
            };
            var patient = Str(o, "patient_id");
            var by = Str(o, "decided_by");
            DateOnly? incident = null;
            if (Str(o, "incident_date") is { } day)
            {
                if (!IsoTimestamp.TryParseDate(day, out var d))
                {
                    return ParseOutcome.Bad("review: incident_date is not a date");
                }

                incident = d;
            }

            var error = verdict is null ? "review: decision must be confirm, dismiss or reinstate"
                : finding is null ? "review: finding must be rule, fraud or resale"
                : string.IsNullOrEmpty(patient) ? "review: missing patient_id"
                : string.IsNullOrEmpty(by) ? "review: missing decided_by"
                : !IsoTimestamp.TryParse(Str(o, "decided_at") ?? "", out var at) ? "review: decided_at is not a timestamp"
                : verdict == ReviewVerdict.Reinstate && string.IsNullOrEmpty(Str(o, "action_id")) ? "review: a reinstatement needs action_id"
                : verdict == ReviewVerdict.Reinstate && string.IsNullOrWhiteSpace(Str(o, "note")) ? "review: a reinstatement needs a note"
                : verdict != ReviewVerdict.Reinstate && string.IsNullOrEmpty(Str(o, "alert_id")) ? "review: a confirmation or dismissal needs alert_id"
                : null;
            if (error is not null)
            {
                return ParseOutcome.Bad(error);
            }

            IsoTimestamp.TryParse(Str(o, "decided_at")!, out var decidedAt);
            return ParseOutcome.Ok(new ReviewDecision
            {
                PatientId = patient!,
                Verdict = verdict!.Value,
                AlertId = Str(o, "alert_id"),
                ActionId = Str(o, "action_id"),
                Rule = Str(o, "rule"),
                IncidentDate = incident,
                Finding = finding!.Value,
                DecidedBy = by!,
                DecidedAt = decidedAt,
                Note = Str(o, "note"),
            });
        }
        catch (JsonException ex)
        {
            return ParseOutcome.Bad($"not valid JSON: {ex.Message.Split('\n')[0]}");
        }
    }

    public static string VerdictName(ReviewVerdict v) => v switch
    {
        ReviewVerdict.Confirm => "confirm",
        ReviewVerdict.Dismiss => "dismiss",
        _ => "reinstate",
    };

    public static string FindingName(ReviewFinding f) => f switch
    {
        ReviewFinding.Fraud => "fraud",
        ReviewFinding.Resale => "resale",
        _ => "rule",
    };

    private static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
