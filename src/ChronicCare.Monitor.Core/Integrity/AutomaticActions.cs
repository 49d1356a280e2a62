using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.Rules;

namespace ChronicCare.Monitor.Integrity;

/// <summary>
/// The automatic actions of contract §5 as a function of a patient's alerts, so the actions in force do not
/// depend on arrival order: a WARNING on the first over-prescribing incident (R01/R02/R03 on one service
/// date), a SUSPEND on the first failed face check, foreign card (R05) or deceased/transferred status (R06).
/// Seed: Lianyungang 五 (首次警示；冒名顶替暂停待遇).
/// </summary>
internal static class AutomaticActions
{
    private static readonly string[] OverPrescribing = ["R01", "R02", "R03"];

    /// <summary>R01, R02 and R03 make an over-prescribing incident (contract §5).</summary>
    public static bool IsOverPrescribing(string rule) => Array.IndexOf(OverPrescribing, rule) >= 0;

    public static string WarningId(string patientId, DateOnly incidentDate) => $"WARNING:{patientId}:{incidentDate:yyyyMMdd}";

    public static string SuspendId(string patientId, string settlementId) => $"SUSPEND:{patientId}:{settlementId}";

    public static string ReinstateId(string revokedActionId) => $"REINSTATE:{revokedActionId}";

    /// <summary>
    /// The first incident, unless the carried history already had one. <paramref name="drafts"/> are in supply order.
    /// </summary>
    public static IntegrityAction? Warning(string patientId, IReadOnlyList<AlertDraft> drafts, bool hadIncident, IntegrityPolicyOptions policy, DateTimeOffset now)
    {
        if (hadIncident)
        {
            return null;
        }

        DateOnly? date = null;
        Settlement? trigger = null;
        var ids = new List<string>();
        var rules = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var d in drafts)
        {
            if (!IsOverPrescribing(d.Rule))
            {
                continue;
            }

            date ??= d.Settlement.ServiceDate;
            if (d.Settlement.ServiceDate != date)
            {
                break;
            }

            if (trigger is null || d.Settlement.SettledAt.UtcTicks < trigger.SettledAt.UtcTicks)
            {
                trigger = d.Settlement;
            }

            ids.Add(d.AlertId);
            rules.Add(d.Rule);
        }

        if (trigger is null)
        {
            return null;
        }

        ids.Sort(StringComparer.Ordinal);
        var from = trigger.SettledAt;
        Timestamp? until = policy.WarningMonitoringMonths > 0 ? new Timestamp(from.Value.AddMonths(policy.WarningMonitoringMonths)) : null;
        return new IntegrityAction(WarningId(patientId, date!.Value), patientId, ActionKind.Warning, from, until, rules.Min!, ids, true, null, null, now);
    }

    /// <summary>The earliest (by settled_at) settlement carrying a SUSPEND trigger, unless a carried SUSPEND is in force.</summary>
    public static IntegrityAction? Suspend(string patientId, IReadOnlyList<SuspendTrigger> triggers, bool carriedSuspend, DateTimeOffset now)
    {
        if (carriedSuspend || triggers.Count == 0)
        {
            return null;
        }

        var trigger = triggers[0].Settlement;
        foreach (var t in triggers)
        {
            if (Earlier(t.Settlement, trigger))
            {
                trigger = t.Settlement;
            }
        }

        var triggering = triggers.Where(t => ReferenceEquals(t.Settlement, trigger)).ToList();
        var ids = triggering.Select(t => t.AlertId).Order(StringComparer.Ordinal).ToArray();
        var rule = triggering.Select(t => t.Rule).Min(StringComparer.Ordinal)!;
        return new IntegrityAction(SuspendId(patientId, trigger.SettlementId), patientId, ActionKind.Suspend, trigger.SettledAt, null, rule, ids, true, null, null, now);
    }

    private static bool Earlier(Settlement a, Settlement b) =>
        a.SettledAt.UtcTicks < b.SettledAt.UtcTicks
        || (a.SettledAt.UtcTicks == b.SettledAt.UtcTicks && string.CompareOrdinal(a.SettlementId, b.SettlementId) < 0);
}

/// <summary>An alert that triggers SUSPEND (contract §5), found before the alert itself is final.</summary>
internal readonly record struct SuspendTrigger(Settlement Settlement, string Rule, string AlertId);
