using System.Globalization;
using System.Text;
using System.Text.Json;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Triage;
using ChronicCare.Monitor.Cli.Serving.Integrity;
using ChronicCare.Monitor.Cli.Serving.Triage;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;
using Microsoft.AspNetCore.Http;

namespace ChronicCare.Monitor.Cli.Serving.Api;

/// <summary>
/// The API's JSON: alerts, actions and decisions in the contract's own shapes (<see cref="ContractJson"/>,
/// <see cref="ReviewJson"/>: snake_case, Chinese as itself), with triage's additions beside them.
/// </summary>
internal static class ApiJson
{
    public static IResult Ok(Action<Utf8JsonWriter> write, int status = StatusCodes.Status200OK) =>
        Results.Text(Encoding.UTF8.GetString(ContractJson.ToUtf8(write)), "application/json; charset=utf-8", Encoding.UTF8, status);

    public static void List(Utf8JsonWriter w, AlertList list, int limit)
    {
        w.WriteStartObject();
        w.WriteNumber("count", list.Alerts.Count);
        w.WriteNumber("limit", limit);
        w.WriteStartArray("alerts");
        foreach (var a in list.Alerts)
        {
            Alert(w, a, list.Reviews.GetValueOrDefault(a.AlertId));
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void Detail(Utf8JsonWriter w, AlertDetail d)
    {
        w.WriteStartObject();
        w.WritePropertyName("alert");
        Alert(w, d.Alert, d.Review);
        w.WriteStartArray("decisions");
        foreach (var r in d.Decisions)
        {
            ReviewJson.Write(w, r);
        }

        w.WriteEndArray();
        w.WritePropertyName("integrity");
        if (d.Integrity is { } record)
        {
            Integrity(w, record);
        }
        else
        {
            w.WriteNullValue();
        }

        w.WriteEndObject();
    }

    public static void Decision(Utf8JsonWriter w, TriageOutcome outcome, IntegrityRecord? record)
    {
        w.WriteStartObject();
        w.WritePropertyName("decision");
        ReviewJson.Write(w, outcome.Decision);
        w.WriteBoolean("repeat", outcome.Repeat);
        w.WritePropertyName("integrity");
        if (record is null)
        {
            w.WriteNullValue();
        }
        else
        {
            Integrity(w, record);
        }

        w.WriteEndObject();
    }

    /// <summary>The contract's alert record with <c>review</c>: the latest decision on it, or null.</summary>
    private static void Alert(Utf8JsonWriter w, Alert a, ReviewDecision? review)
    {
        w.WriteStartObject();
        ContractJson.WriteAlertFields(w, a);
        w.WritePropertyName("review");
        if (review is null)
        {
            w.WriteNullValue();
        }
        else
        {
            ReviewJson.Write(w, review);
        }

        w.WriteEndObject();
    }

    private static void Integrity(Utf8JsonWriter w, IntegrityRecord r)
    {
        w.WriteStartObject();
        w.WriteString("patient_id", r.PatientId);
        w.WriteNumber("confirmed_incidents", r.ConfirmedIncidents);
        w.WriteStartArray("ladder");
        foreach (var s in r.Ladder)
        {
            w.WriteStartObject();
            w.WriteString("rung", Names.Rung(s.Rung));
            if (s.AtIncident is { } at)
            {
                w.WriteNumber("at_incident", at);
            }
            else
            {
                w.WriteNull("at_incident");
            }

            w.WriteString("state", Names.State(s.State));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("actions");
        foreach (var a in r.Actions)
        {
            // The contract's action record, then where it stands.
            using var doc = JsonDocument.Parse(ContractJson.ToUtf8(x => ContractJson.Write(x, a.Action)));
            w.WriteStartObject();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                p.WriteTo(w);
            }

            w.WriteString("state", Names.State(a.State));
            w.WriteBoolean("reinstatement_pending", a.ReinstatementPending);
            w.WriteBoolean("no_longer_implied", a.NoLongerImplied);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("pending");
        foreach (var a in r.Pending)
        {
            ContractJson.Write(w, a);
        }

        w.WriteEndArray();
        w.WriteStartArray("incidents");
        foreach (var i in r.Incidents)
        {
            w.WriteStartObject();
            w.WriteString("date", i.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteStartArray("alert_ids");
            foreach (var id in i.AlertIds)
            {
                w.WriteStringValue(id);
            }

            w.WriteEndArray();
            w.WriteString("review", Names.Review(i.Review));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("decisions");
        foreach (var d in r.Decisions)
        {
            ReviewJson.Write(w, d);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
