using ChronicCare.Monitor.Alerts;

namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>
/// Alerts by triage status: an open alert is <c>untriaged</c>, <c>confirmed</c> or <c>dismissed</c> by its latest
/// review decision; a withdrawn alert counts as <c>withdrawn</c> whatever was decided.
/// </summary>
public sealed record AlertCounts(long Untriaged, long Confirmed, long Dismissed, long Withdrawn)
{
    public static AlertCounts Zero { get; } = new(0, 0, 0, 0);

    /// <summary>Alerts not withdrawn.</summary>
    public long Open => Untriaged + Confirmed + Dismissed;

    public long Total => Open + Withdrawn;

    public AlertCounts Add(TriageStatus status) => status switch
    {
        TriageStatus.Untriaged => this with { Untriaged = Untriaged + 1 },
        TriageStatus.Confirmed => this with { Confirmed = Confirmed + 1 },
        TriageStatus.Dismissed => this with { Dismissed = Dismissed + 1 },
        _ => this with { Withdrawn = Withdrawn + 1 },
    };
}

/// <summary>Where an alert stands in triage.</summary>
public enum TriageStatus
{
    Untriaged,
    Confirmed,
    Dismissed,
    Withdrawn,
}

/// <summary>One rule's alerts (R01..R15 always listed; an unknown code after them with its code as name).</summary>
public sealed record RuleAlerts(string Rule, string Name, string NameZh, AlertCounts Counts);

/// <summary>One severity's alerts (high, medium, low always listed).</summary>
public sealed record SeverityAlerts(Severity Severity, AlertCounts Counts);

/// <summary>The month's alerts (event time in the month): all of them, by rule and by severity.</summary>
public sealed record AlertSummary(AlertCounts Total, IReadOnlyList<RuleAlerts> ByRule, IReadOnlyList<SeverityAlerts> BySeverity);
