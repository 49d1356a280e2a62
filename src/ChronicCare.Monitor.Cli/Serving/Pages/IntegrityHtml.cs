using System.Globalization;
using System.Text;
using ChronicCare.Monitor.Cli.Serving.Integrity;
using ChronicCare.Monitor.Cli.Serving.Keys;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Cli.Serving.Pages;

/// <summary>
/// A patient's integrity record on the alert page: the ladder with the patient's place on it, the sanctions the
/// decisions imply that are not applied yet, the actions in the store (with Reinstate for supervisors), the
/// incidents and their review, and the audit trail of the patient's decisions.
/// </summary>
internal static class IntegrityHtml
{
    public static string Render(IntegrityRecord r, Caller caller, FormToken token, string alertId)
    {
        var sb = new StringBuilder();
        sb.Append("<section id=\"integrity\" data-patient=\"").Append(Html.E(r.PatientId)).Append("\">")
            .Append("<h2>诚信记录 <small>Integrity record</small> <span class=\"key\">").Append(Html.E(r.PatientId)).Append("</span></h2>")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"count\" id=\"confirmed-incidents\" data-count=\"{r.ConfirmedIncidents}\">已确认违规开药次数 <b>{r.ConfirmedIncidents}</b> <small class=\"note\">confirmed over-prescribing incidents</small></p>");
        Ladder(sb, r.Ladder);
        Pending(sb, r.Pending);
        Actions(sb, r.Actions, caller, token, alertId);
        Incidents(sb, r.Incidents);
        Decisions(sb, r.Decisions);
        sb.Append("</section>");
        return sb.ToString();
    }

    private static void Ladder(StringBuilder sb, IReadOnlyList<LadderStep> ladder)
    {
        sb.Append("<h3>处理阶梯 <small>Sanction ladder</small></h3><ol class=\"ladder\" id=\"ladder\">");
        foreach (var s in ladder)
        {
            var when = s.Rung switch
            {
                LadderRung.Warning => Html.Label("首次违规（自动）", "1st incident, automatic"),
                LadderRung.FraudOrResale => Html.Label("确认骗取或倒卖", "fraud or resale confirmed"),
                _ => Html.Label($"第 {s.AtIncident} 次确认", $"{Ordinal(s.AtIncident ?? 0)} confirmed incident"),
            };
            sb.Append("<li data-rung=\"").Append(Names.Rung(s.Rung)).Append("\" data-state=\"").Append(Names.State(s.State)).Append("\">")
                .Append("<div class=\"when\">").Append(when).Append("</div><div class=\"what\">").Append(Labels.Of(Labels.Rung(s.Rung))).Append("</div>")
                .Append("<span class=\"state\">").Append(Labels.Of(Labels.State(s.State))).Append("</span></li>");
        }

        sb.Append("</ol>");
    }

    private static void Pending(StringBuilder sb, IReadOnlyList<IntegrityAction> pending)
    {
        if (pending.Count == 0)
        {
            return;
        }

        sb.Append("<h3>待执行处理 <small>Pending: what the recorded decisions now imply</small></h3>")
            .Append("<p class=\"note\">审核结论已记录；下一次 detect / run 处理该参保人时生效。 The decisions are recorded; the next detect or run applies these when it processes the patient.</p>")
            .Append("<table id=\"pending\"><thead><tr><th>处理 <small>Action</small></th><th>编号 <small>Action id</small></th><th>生效 <small>From</small></th>")
            .Append("<th>截止 <small>Until</small></th><th>依据 <small>Alerts</small></th><th>决定人 <small>Decided by</small></th></tr></thead><tbody>");
        foreach (var a in pending)
        {
            sb.Append("<tr class=\"pending\" data-action=\"").Append(IntegrityAction.NameOf(a.Action)).Append("\"><td>").Append(Labels.Of(Labels.Action(a.Action)));
            if (a.Revokes is { } revoked)
            {
                sb.Append(" <span class=\"key\">→ ").Append(Html.E(revoked)).Append("</span>");
            }

            sb.Append("</td><td class=\"key\">").Append(Html.E(a.ActionId)).Append("</td>")
                .Append("<td class=\"key\">").Append(Html.E(a.EffectiveFrom.ToString())).Append("</td>")
                .Append("<td class=\"key\">").Append(Html.E(a.EffectiveUntil?.ToString() ?? "—")).Append("</td>")
                .Append("<td class=\"key\">").Append(string.Join(", ", a.AlertIds.Select(Html.AlertLink))).Append("</td>")
                .Append("<td>").Append(Html.E(a.DecidedBy ?? "—")).Append("</td></tr>");
        }

        sb.Append("</tbody></table>");
    }

    private static void Actions(StringBuilder sb, IReadOnlyList<RecordedAction> actions, Caller caller, FormToken token, string alertId)
    {
        sb.Append("<h3>已执行处理 <small>Actions recorded</small></h3>");
        if (actions.Count == 0)
        {
            sb.Append("<p class=\"empty\">无 <small>None</small></p>");
            return;
        }

        var reinstate = caller.May(ServeRole.Supervisor);
        sb.Append("<table id=\"actions\"><thead><tr><th>处理 <small>Action</small></th><th>编号 <small>Action id</small></th><th>生效 <small>From</small></th>")
            .Append("<th>截止 <small>Until</small></th><th>规则 <small>Rule</small></th><th>决定 <small>Decided</small></th><th>状态 <small>State</small></th>")
            .Append(reinstate ? "<th>恢复待遇 <small>Reinstate</small></th>" : "").Append("</tr></thead><tbody>");
        foreach (var r in actions)
        {
            var a = r.Action;
            sb.Append("<tr data-action=\"").Append(IntegrityAction.NameOf(a.Action)).Append("\" data-state=\"").Append(Names.State(r.State)).Append("\"><td>")
                .Append(Labels.Of(Labels.Action(a.Action)));
            if (a.Revokes is { } revoked)
            {
                sb.Append(" <span class=\"key\">→ ").Append(Html.E(revoked)).Append("</span>");
            }

            sb.Append("</td><td class=\"key\">").Append(Html.E(a.ActionId)).Append("</td>")
                .Append("<td class=\"key\">").Append(Html.E(a.EffectiveFrom.ToString())).Append("</td>")
                .Append("<td class=\"key\">").Append(Html.E(a.EffectiveUntil?.ToString() ?? "—")).Append("</td>")
                .Append("<td>").Append(Html.E(a.ReasonRule)).Append("</td>")
                .Append("<td>").Append(a.Automatic ? Html.Label("自动", "automatic") : Html.E(a.DecidedBy)).Append("</td><td>")
                .Append(Labels.Of(Labels.State(r.State)));
            if (r.ReinstatementPending)
            {
                sb.Append("<br><small class=\"note\">恢复待执行 reinstatement pending</small>");
            }

            if (r.NoLongerImplied)
            {
                sb.Append("<br><small class=\"note\">确认已撤回，将被撤销 its confirmation was dismissed: to be revoked</small>");
            }

            sb.Append("</td>");
            if (reinstate)
            {
                sb.Append("<td>");
                if (r is { State: ActionState.InForce, ReinstatementPending: false })
                {
                    sb.Append("<form class=\"inline\" method=\"post\" action=\"").Append(ServeRoutes.Page).Append("/actions/")
                        .Append(Html.E(Uri.EscapeDataString(a.ActionId))).Append("/reinstate\">").Append(Html.Token(token))
                        .Append("<input type=\"hidden\" name=\"alert\" value=\"").Append(Html.E(alertId)).Append("\">")
                        .Append("<input type=\"text\" name=\"note\" required maxlength=\"2000\" placeholder=\"原因 why\">")
                        .Append("<button class=\"danger\" type=\"submit\">恢复 <small>Reinstate</small></button></form>");
                }

                sb.Append("</td>");
            }

            sb.Append("</tr>");
        }

        sb.Append("</tbody></table>");
    }

    private static void Incidents(StringBuilder sb, IReadOnlyList<Incident> incidents)
    {
        sb.Append("<h3>违规开药事件 <small>Over-prescribing incidents (R01, R02, R03 of one service date)</small></h3>");
        if (incidents.Count == 0)
        {
            sb.Append("<p class=\"empty\">无 <small>None</small></p>");
            return;
        }

        sb.Append("<table id=\"incidents\"><thead><tr><th>就诊日期 <small>Service date</small></th><th>预警 <small>Alerts</small></th><th>审核 <small>Review</small></th></tr></thead><tbody>");
        foreach (var i in incidents)
        {
            sb.Append("<tr data-review=\"").Append(Names.Review(i.Review)).Append("\"><td class=\"key\">")
                .Append(i.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</td><td class=\"key\">")
                .Append(string.Join(", ", i.AlertIds.Select(Html.AlertLink))).Append("</td><td>").Append(Labels.Of(Labels.Review(i.Review))).Append("</td></tr>");
        }

        sb.Append("</tbody></table>");
    }

    private static void Decisions(StringBuilder sb, IReadOnlyList<ReviewDecision> decisions)
    {
        sb.Append("<h3>审核记录 <small>Audit trail: who, when, why</small></h3>");
        if (decisions.Count == 0)
        {
            sb.Append("<p class=\"empty\">无 <small>None</small></p>");
            return;
        }

        DecisionTable(sb, decisions, "audit");
    }

    /// <summary>Decisions, latest first: when, who, what on which subject, the finding and the note.</summary>
    public static void DecisionTable(StringBuilder sb, IEnumerable<ReviewDecision> decisions, string id)
    {
        sb.Append("<table id=\"").Append(id).Append("\"><thead><tr><th>时间 <small>When</small></th><th>审核人 <small>Who</small></th><th>结论 <small>Decision</small></th>")
            .Append("<th>对象 <small>Subject</small></th><th>认定 <small>Finding</small></th><th>原因 <small>Why</small></th></tr></thead><tbody>");
        foreach (var d in decisions.Reverse())
        {
            sb.Append("<tr><td class=\"key\">").Append(Html.E(d.DecidedAt.ToString())).Append("</td><td>").Append(Html.E(d.DecidedBy)).Append("</td>")
                .Append("<td>").Append(Labels.Of(Labels.Verdict(d.Verdict))).Append("</td><td class=\"key\">")
                .Append(d.AlertId is { } alert ? Html.AlertLink(alert) : Html.E(d.ActionId)).Append("</td>")
                .Append("<td>").Append(d.Verdict == ReviewVerdict.Reinstate ? "—" : Labels.Of(Labels.Finding(d.Finding))).Append("</td>")
                .Append("<td>").Append(Html.E(d.Note)).Append("</td></tr>");
        }

        sb.Append("</tbody></table>");
    }

    private static string Ordinal(int n) => n switch
    {
        1 => "1st",
        2 => "2nd",
        3 => "3rd",
        _ => string.Create(CultureInfo.InvariantCulture, $"{n}th"),
    };
}
