using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Policy;

namespace ChronicCare.Monitor.Integrity;

/// <summary>
/// The triage-driven actions of contract §5 as a function of one patient's review decisions alone, so the actions
/// in force do not depend on the order decisions and events arrive in (seed Lianyungang 五):
/// <list type="bullet">
/// <item>the <see cref="IntegrityPolicyOptions.SelfPayAtIncident"/>th confirmed over-prescribing incident (R01/R02/R03
/// alerts of one service date) → SELF_PAY 个人先行自付 from the confirmation to 31 December of its year
/// (五(二) 第二次发现后…年度内…自付);</item>
/// <item>the <see cref="IntegrityPolicyOptions.CancelAtIncident"/>th → CANCEL 取消待遇 and BAN 三年内限制申请
/// (五(二) 第三次发现);</item>
/// <item>fraud or resale confirmed on any alert → CANCEL, BAN and REFERRAL 移交 (五(一), 五(三));</item>
/// <item>a reviewer's reinstatement → REINSTATE of the named action.</item>
/// </list>
/// Only the latest decision on an alert counts (a dismissal after a confirmation undoes it). Incidents are counted in
/// the order of their first confirmation: the sanction is a consequence of the review, so it takes effect when the
/// review reached it and judges the patient's later settlements (contract §3). A confirmation stands when its alert
/// is later withdrawn: a human judged it; a reviewer's REINSTATE ends it.
/// </summary>
internal static class SanctionLadder
{
    public static List<IntegrityAction> Actions(string patientId, IEnumerable<ReviewDecision> reviews, IntegrityPolicyOptions policy)
    {
        var all = reviews.OrderBy(r => r.DecidedAt.UtcTicks).ThenBy(r => r.DecisionId, StringComparer.Ordinal).ToList();
        var latest = new Dictionary<string, ReviewDecision>(StringComparer.Ordinal);
        foreach (var r in all)
        {
            if (r.Verdict != ReviewVerdict.Reinstate && r.AlertId is { } alert)
            {
                latest[alert] = r;
            }
        }

        var confirmed = latest.Values.Where(r => r.Verdict == ReviewVerdict.Confirm)
            .OrderBy(r => r.DecidedAt.UtcTicks).ThenBy(r => r.DecisionId, StringComparer.Ordinal).ToList();
        var actions = new List<IntegrityAction>();
        foreach (var r in confirmed.Where(r => r.Finding != ReviewFinding.Rule))
        {
            var subject = $"{patientId}:{r.AlertId}";
            Sanction(actions, ActionKind.Cancel, $"CANCEL:{subject}", r, [r.AlertId!], null);
            Sanction(actions, ActionKind.Ban, $"BAN:{subject}", r, [r.AlertId!], Years(r.DecidedAt, policy.BanYears));
            Sanction(actions, ActionKind.Referral, $"REFERRAL:{subject}", r, [r.AlertId!], null);
        }

        var incidents = confirmed
            .Where(r => r.Finding == ReviewFinding.Rule && r.IncidentDate is not null && r.Rule is { } rule && AutomaticActions.IsOverPrescribing(rule))
            .GroupBy(r => r.IncidentDate!.Value)
            .Select(g => (Date: g.Key, First: g.First(), AlertIds: g.Select(r => r.AlertId!).Order(StringComparer.Ordinal).ToArray()))
            .OrderBy(i => i.First.DecidedAt.UtcTicks).ThenBy(i => i.First.DecisionId, StringComparer.Ordinal)
            .ToList();
        for (var n = 1; n <= incidents.Count; n++)
        {
            var (date, first, ids) = incidents[n - 1];
            var subject = $"{patientId}:{date:yyyyMMdd}";
            if (n == policy.SelfPayAtIncident)
            {
                Sanction(actions, ActionKind.SelfPay, $"SELF_PAY:{subject}", first, ids, EndOfYear(first.DecidedAt));
            }
            else if (n == policy.CancelAtIncident)
            {
                Sanction(actions, ActionKind.Cancel, $"CANCEL:{subject}", first, ids, null);
                Sanction(actions, ActionKind.Ban, $"BAN:{subject}", first, ids, Years(first.DecidedAt, policy.BanYears));
            }
        }

        foreach (var r in all.Where(r => r.Verdict == ReviewVerdict.Reinstate && r.ActionId is not null).DistinctBy(r => r.ActionId, StringComparer.Ordinal))
        {
            actions.Add(new IntegrityAction(AutomaticActions.ReinstateId(r.ActionId!), patientId, ActionKind.Reinstate, r.DecidedAt, null,
                r.Rule ?? "REVIEW", [], false, r.DecidedBy, r.ActionId, r.DecidedAt.Value));
        }

        return actions;
    }

    /// <summary>
    /// A reviewer's REINSTATE names the action as the reviewer saw it, perhaps with a re-issue generation (<c>#2</c>)
    /// that depends on the path the events took; when that id is not among the desired actions but its base is, the
    /// REINSTATE is aimed at the base, which ends every generation (contract §5 order independence).
    /// </summary>
    public static List<IntegrityAction> Targeted(List<IntegrityAction> actions)
    {
        var ids = actions.Where(a => a.Action != ActionKind.Reinstate).Select(a => a.ActionId).ToHashSet(StringComparer.Ordinal);
        return actions.Select(a => a is { Action: ActionKind.Reinstate, Automatic: false, Revokes: { } target } && !ids.Contains(target)
                && IntegrityAction.BaseId(target) is var b && b != target && ids.Contains(b)
            ? a with { ActionId = AutomaticActions.ReinstateId(b), Revokes = b }
            : a).ToList();
    }

    /// <summary>The instants from which reviewers ended actions, by action id: an action stops covering settlements after it.</summary>
    public static Dictionary<string, long> ReinstatedAt(IEnumerable<IntegrityAction> actions)
    {
        var at = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var a in actions)
        {
            if (a.Action == ActionKind.Reinstate && !a.Automatic && a.Revokes is { } revoked
                && (!at.TryGetValue(revoked, out var t) || a.EffectiveFrom.UtcTicks < t))
            {
                at[revoked] = a.EffectiveFrom.UtcTicks;
            }
        }

        return at;
    }

    private static void Sanction(List<IntegrityAction> actions, ActionKind kind, string id, ReviewDecision by, string[] alertIds, Timestamp? until) =>
        actions.Add(new IntegrityAction(id, by.PatientId, kind, by.DecidedAt, until, by.Rule ?? "REVIEW", alertIds, false, by.DecidedBy, null, by.DecidedAt.Value));

    /// <summary>Midnight that starts the next year, in the decision's own offset: SELF_PAY covers the rest of the year (年度内).</summary>
    private static Timestamp EndOfYear(Timestamp from) =>
        new(new DateTimeOffset(from.Value.Year + 1, 1, 1, 0, 0, 0, from.Value.Offset));

    private static Timestamp Years(Timestamp from, int years) => new(from.Value.AddYears(years));
}
