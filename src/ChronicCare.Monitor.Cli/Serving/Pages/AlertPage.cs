using System.Globalization;
using System.Text;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Cli.Serving.Keys;
using ChronicCare.Monitor.Cli.Serving.Triage;

namespace ChronicCare.Monitor.Cli.Serving.Pages;

/// <summary>
/// One alert (where the dashboard links): what it says, its evidence, the decisions on it, the decision form for
/// reviewers, and the patient's integrity record.
/// </summary>
internal static class AlertPage
{
    public static string Render(AlertDetail d, Caller caller, FormToken token, string? flash, string? error)
    {
        var a = d.Alert;
        var (zh, en) = Labels.Rule(a.Rule);
        var sb = new StringBuilder();
        sb.Append("<article id=\"alert\" data-alert=\"").Append(Html.E(a.AlertId)).Append("\">")
            .Append("<h2>").Append(Html.E(a.Rule)).Append(' ').Append(Html.Label(zh, en)).Append(" <span class=\"key\">").Append(Html.E(a.AlertId)).Append("</span></h2>");
        if (flash is not null)
        {
            sb.Append("<p class=\"flash\" id=\"flash\">").Append(flash).Append("</p>");
        }

        if (error is not null)
        {
            sb.Append("<p class=\"error\" id=\"error\">").Append(Html.E(error)).Append("</p>");
        }

        sb.Append("<div class=\"messages\"><p>").Append(Html.E(a.MessageZh)).Append("</p><p class=\"note\">").Append(Html.E(a.MessageEn)).Append("</p></div>");
        Meta(sb, d);
        sb.Append("<h3>证据 <small>Evidence</small></h3><div id=\"evidence\">").Append(EvidenceHtml.Render(a.EvidenceJson)).Append("</div>");
        if (d.Decisions.Count > 0)
        {
            sb.Append("<h3>本预警审核记录 <small>Decisions on this alert</small></h3>");
            IntegrityHtml.DecisionTable(sb, d.Decisions, "alert-decisions");
        }

        DecisionForm(sb, a, caller, token);
        sb.Append("</article>");
        sb.Append(d.Integrity is { } record
            ? IntegrityHtml.Render(record, caller, token, a.AlertId)
            : "<h2>诚信记录 <small>Integrity record</small></h2><p class=\"empty\">机构预警，不涉及个人诚信记录 <small>A facility alert: no patient's record</small></p>");
        if (d.Integrity is { Alerts.Count: > 1 } withAlerts)
        {
            sb.Append("<h3>该参保人的预警 <small>This patient's alerts</small></h3><p class=\"key\">")
                .Append(string.Join(", ", withAlerts.Alerts.Take(50).Select(x => Html.AlertLink(x.AlertId)))).Append("</p>");
        }

        return PageLayout.Document($"{a.Rule} {a.AlertId}", caller, token, sb.ToString());
    }

    private static void Meta(StringBuilder sb, AlertDetail d)
    {
        var a = d.Alert;
        void Row(string zh, string en, string valueHtml) =>
            sb.Append("<tr><th>").Append(Html.Label(zh, en)).Append("</th><td>").Append(valueHtml).Append("</td></tr>");
        string Key(string? v) => $"<span class=\"key\">{Html.E(v ?? "—")}</span>";

        sb.Append("<table class=\"meta\" id=\"meta\"><tbody>");
        Row("严重程度", "Severity", $"<span class=\"sev-{Labels.Severity(a.Severity).En}\">{Labels.Of(Labels.Severity(a.Severity))}</span>");
        Row("状态", "Status", $"<span id=\"status\" data-status=\"{Labels.Status(a.Status).En}\">{Labels.Of(Labels.Status(a.Status))}</span>");
        Row("审核结论", "Review", $"<span id=\"review\">{Labels.Of(Labels.Review(d.Review))}</span>"
            + (d.Review is { } r ? $" <small class=\"note\">{Html.E(r.DecidedBy)} · {Html.E(r.DecidedAt.ToString())}</small>" : ""));
        Row("参保人", "Patient", Key(a.PatientId));
        Row("结算单", "Settlement", Key(a.SettlementId));
        Row("机构", "Facility", Key(a.FacilityId));
        if (a.Period is not null)
        {
            Row("期间", "Period", Key(a.Period));
        }

        Row("发生时间", "Event time", Key(a.EventTime));
        Row("检出时间", "Detected at", Key(a.DetectedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)));
        if (a.Score is { } score)
        {
            Row("评分", "Score", Key(score.ToString("0.####", CultureInfo.InvariantCulture)));
        }

        sb.Append("</tbody></table>");
    }

    /// <summary>Confirm or dismiss with a note (reviewers); fraud and resale findings only for supervisors, as the API allows.</summary>
    private static void DecisionForm(StringBuilder sb, Alert a, Caller caller, FormToken token)
    {
        if (!caller.May(ServeRole.Reviewer))
        {
            sb.Append("<p class=\"note\">查看权限：不能处置预警。 Viewer role: triage needs a reviewer's key.</p>");
            return;
        }

        var open = a.Status == AlertStatus.Open;
        sb.Append("<h3>处置 <small>Decide</small></h3><form class=\"decide\" method=\"post\" id=\"decide\" action=\"")
            .Append(Html.E(ServeRoutes.AlertPage(a.AlertId))).Append("/decision\">").Append(Html.Token(token))
            .Append("<label>原因（将记录审核人与时间） <small>Why (audited with who and when)</small>")
            .Append("<textarea name=\"note\" id=\"note\" required maxlength=\"").Append(DecisionRequest.MaxNote).Append("\"></textarea></label>");
        if (caller.May(ServeRole.Supervisor) && open)
        {
            sb.Append("<label>认定 <small>Finding</small><select name=\"finding\" id=\"finding\">")
                .Append("<option value=\"rule\" selected>规则认定 rule (the alert's own finding)</option>")
                .Append("<option value=\"fraud\">骗取待遇 fraud: CANCEL + BAN + REFERRAL</option>")
                .Append("<option value=\"resale\">倒卖药品 resale: CANCEL + BAN + REFERRAL</option></select></label>");
        }

        sb.Append("<div class=\"buttons\">");
        if (open)
        {
            sb.Append("<button type=\"submit\" name=\"decision\" value=\"confirm\" id=\"confirm\">确认 <small>Confirm</small></button>");
        }

        sb.Append("<button class=\"secondary\" type=\"submit\" name=\"decision\" value=\"dismiss\" id=\"dismiss\">排除 <small>Dismiss</small></button></div>");
        if (!open)
        {
            sb.Append("<p class=\"note\">预警已撤销：只能排除。 The alert is withdrawn: there is nothing to confirm.</p>");
        }

        sb.Append("</form>");
    }
}
