using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Cli.Detection;

/// <summary>What a detect run read and found; printed at the end and returned to callers (tests, demo).</summary>
internal sealed record DetectSummary(
    long LinesRead,
    long EventsProcessed,
    long DeadLetters,
    long Duplicates,
    TimeSpan Elapsed,
    IReadOnlyList<Alert> Alerts,
    IReadOnlyList<IntegrityAction> Actions,
    int Patients,
    long Settlements)
{
    /// <summary>The model R15 scored with (version), or null when R15 was off.</summary>
    public string? Model { get; init; }

    public double EventsPerSecond => LinesRead / Math.Max(Elapsed.TotalSeconds, 1e-6);

    /// <summary>Actions no REINSTATE revokes (see <see cref="IntegrityAction.InForce"/>).</summary>
    public IReadOnlyList<IntegrityAction> ActionsInForce => IntegrityAction.InForce(Actions);

    public void Print(TextWriter o)
    {
        var open = Alerts.Where(a => a.Status == AlertStatus.Open).ToList();
        o.WriteLine($"events: {LinesRead:N0} read, {EventsProcessed:N0} processed ({Duplicates:N0} duplicate deliveries), {DeadLetters:N0} dead letters");
        o.WriteLine($"time: {Elapsed.TotalSeconds:F2} s, {EventsPerSecond:N0} events/s, {Patients:N0} patients");
        o.WriteLine($"alerts: {open.Count:N0} open, {Alerts.Count - open.Count:N0} withdrawn; R15 model: {Model ?? "none (rules only)"}");
        foreach (var g in Alerts.GroupBy(a => a.Rule).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var o1 = g.Count(a => a.Status == AlertStatus.Open);
            o.WriteLine($"  {g.Key} {Rules.RuleCatalog.Name(g.Key),-26} {o1,8:N0} open {g.Count() - o1,8:N0} withdrawn");
        }

        var inForce = ActionsInForce;
        o.WriteLine($"actions in force: {inForce.Count:N0} ({string.Join(", ", inForce.GroupBy(a => IntegrityAction.NameOf(a.Action)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count():N0}"))}), {Actions.Count:N0} action records");
    }
}
