using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Rules;

namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>
/// Counts the month's alerts by rule, severity and triage status. An alert's status is withdrawn when the alert is;
/// otherwise its latest confirm or dismiss decision by (decided_at, decision id) decides, and without one it is untriaged.
/// </summary>
internal static class AlertTriage
{
    public static AlertSummary Summarise(IEnumerable<Alert> alerts, IEnumerable<ReviewDecision> decisions, SubjectRegions regions)
    {
        var latest = Latest(decisions);
        var byRule = RuleCatalog.Codes.ToDictionary(c => c, _ => AlertCounts.Zero, StringComparer.Ordinal);
        var bySeverity = Enum.GetValues<Severity>().ToDictionary(s => s, _ => AlertCounts.Zero);
        var total = AlertCounts.Zero;
        foreach (var alert in alerts.Where(a => regions.Matches(a.PatientId, a.FacilityId)))
        {
            var status = StatusOf(alert, latest);
            total = total.Add(status);
            byRule[alert.Rule] = (byRule.TryGetValue(alert.Rule, out var r) ? r : AlertCounts.Zero).Add(status);
            bySeverity[alert.Severity] = bySeverity[alert.Severity].Add(status);
        }

        var rules = byRule
            .OrderBy(kv => RuleCatalog.IsKnown(kv.Key) ? 0 : 1)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => RuleCatalog.IsKnown(kv.Key)
                ? new RuleAlerts(kv.Key, RuleCatalog.Name(kv.Key), RuleCatalog.NameZh(kv.Key), kv.Value)
                : new RuleAlerts(kv.Key, kv.Key, kv.Key, kv.Value))
            .ToList();
        var severities = bySeverity.OrderBy(kv => kv.Key).Select(kv => new SeverityAlerts(kv.Key, kv.Value)).ToList();
        return new AlertSummary(total, rules, severities);
    }

    public static TriageStatus StatusOf(Alert alert, IReadOnlyDictionary<string, ReviewVerdict> latest) =>
        alert.Status == AlertStatus.Withdrawn ? TriageStatus.Withdrawn
        : !latest.TryGetValue(alert.AlertId, out var verdict) ? TriageStatus.Untriaged
        : verdict == ReviewVerdict.Confirm ? TriageStatus.Confirmed
        : TriageStatus.Dismissed;

    /// <summary>The verdict of each alert's latest confirm or dismiss decision.</summary>
    public static Dictionary<string, ReviewVerdict> Latest(IEnumerable<ReviewDecision> decisions) =>
        decisions
            .Where(d => d.AlertId is not null && d.Verdict is ReviewVerdict.Confirm or ReviewVerdict.Dismiss)
            .OrderBy(d => d.DecidedAt.UtcTicks)
            .ThenBy(d => d.DecisionId, StringComparer.Ordinal)
            .GroupBy(d => d.AlertId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Verdict, StringComparer.Ordinal);
}
