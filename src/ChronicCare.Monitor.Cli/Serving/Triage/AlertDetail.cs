using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Cli.Serving.Integrity;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Cli.Serving.Triage;

/// <summary>One alert as triage shows it: the record, the decisions on it (latest last), and its patient's integrity record (null for a facility alert).</summary>
internal sealed record AlertDetail(Alert Alert, IReadOnlyList<ReviewDecision> Decisions, IntegrityRecord? Integrity)
{
    public ReviewDecision? Review => Decisions.Count == 0 ? null : Decisions[^1];
}

/// <summary>The triage list: the alerts found and the latest decision on each.</summary>
internal sealed record AlertList(IReadOnlyList<Alert> Alerts, IReadOnlyDictionary<string, ReviewDecision> Reviews);
