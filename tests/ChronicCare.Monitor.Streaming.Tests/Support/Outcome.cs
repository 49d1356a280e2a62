using System.Text.Json;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Streaming.Tests.Support;

/// <summary>
/// The final state a run leaves, in a form two runs can be compared by: every open alert (id and content, not
/// when it was detected) and every action in force (its id without the re-issue generation, its alerts and
/// when it took effect). Built from the records in the order they were written: the last per id wins.
/// </summary>
internal sealed record Outcome(IReadOnlyList<string> OpenAlerts, IReadOnlyList<string> ActionsInForce)
{
    public static Outcome Of(IEnumerable<Alert> alertRecords, IEnumerable<IntegrityAction> actionRecords) => OfJson(
        alertRecords.Select(a => ContractJson.ToUtf8(w => ContractJson.Write(w, a))),
        actionRecords.Select(a => ContractJson.ToUtf8(w => ContractJson.Write(w, a))));

    /// <summary>From contract JSON lines (alerts and actions topics as consumed).</summary>
    public static Outcome OfJson(IEnumerable<byte[]> alertValues, IEnumerable<byte[]> actionValues)
    {
        var alerts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in alertValues)
        {
            using var doc = JsonDocument.Parse(v);
            var r = doc.RootElement;
            alerts[r.GetProperty("alert_id").GetString()!] = r.GetProperty("status").GetString() == "open"
                ? $"{r.GetProperty("alert_id").GetString()} {r.GetProperty("severity").GetString()} {r.GetProperty("facility_id")} {r.GetProperty("event_time").GetString()} {r.GetProperty("evidence").GetRawText()}"
                : string.Empty;
        }

        var actions = new Dictionary<string, (string Text, string? Revokes, bool Reinstate)>(StringComparer.Ordinal);
        foreach (var v in actionValues)
        {
            using var doc = JsonDocument.Parse(v);
            var r = doc.RootElement;
            var id = r.GetProperty("action_id").GetString()!;
            var kind = r.GetProperty("action").GetString()!;
            var revokes = r.TryGetProperty("revokes", out var rv) ? rv.GetString() : null;
            actions[id] = ($"{id.Split('#')[0]} {kind} {r.GetProperty("effective_from").GetString()} {string.Join(',', r.GetProperty("alert_ids").EnumerateArray().Select(e => e.GetString()))}", revokes, kind == "REINSTATE");
        }

        var revoked = actions.Values.Where(a => a.Reinstate).Select(a => a.Revokes).ToHashSet(StringComparer.Ordinal);
        return new Outcome(
            alerts.Values.Where(t => t.Length > 0).Order(StringComparer.Ordinal).ToList(),
            actions.Where(kv => !kv.Value.Reinstate && !revoked.Contains(kv.Key)).Select(kv => kv.Value.Text).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The ids of the open alerts.</summary>
    public IReadOnlyList<string> OpenAlertIds => OpenAlerts.Select(t => t.Split(' ')[0]).ToList();

    /// <summary>The ids of the actions in force (without the re-issue generation).</summary>
    public IReadOnlyList<string> ActionIds => ActionsInForce.Select(t => t.Split(' ')[0]).ToList();

    public void ShouldEqual(Outcome expected)
    {
        Xunit.Assert.Equal(expected.OpenAlerts.Count, OpenAlerts.Count);
        Xunit.Assert.Equal(expected.OpenAlerts, OpenAlerts);
        Xunit.Assert.Equal(expected.ActionsInForce, ActionsInForce);
    }
}
