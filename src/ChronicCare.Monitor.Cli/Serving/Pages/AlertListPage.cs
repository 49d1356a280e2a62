using System.Globalization;
using System.Text;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Cli.Serving.Keys;
using ChronicCare.Monitor.Cli.Serving.Triage;
using ChronicCare.Monitor.Rules;

namespace ChronicCare.Monitor.Cli.Serving.Pages;

/// <summary>The list: filters (a GET form, so a filtered list is a link) and the alerts found, newest first.</summary>
internal static class AlertListPage
{
    public static string Render(Caller caller, FormToken token, AlertQuery? query, AlertList? list, IReadOnlyList<string> regions, string? error)
    {
        var sb = new StringBuilder();
        sb.Append("<h2>预警列表 <small>Alerts</small></h2>");
        Filters(sb, query, regions);
        if (error is not null)
        {
            sb.Append("<p class=\"error\" id=\"error\">").Append(Html.E(error)).Append("</p>");
        }

        if (list is not null && query is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">共 {list.Alerts.Count} 条（最多 {query.Limit} 条），按发生时间倒序。 {list.Alerts.Count} alerts (at most {query.Limit}), newest first.</p>");
            if (list.Alerts.Count == 0)
            {
                sb.Append("<p class=\"empty\">没有符合条件的预警 <small>No alert matches</small></p>");
            }
            else
            {
                Table(sb, list);
            }
        }

        return PageLayout.Document("预警列表 Alerts", caller, token, sb.ToString());
    }

    private static void Filters(StringBuilder sb, AlertQuery? q, IReadOnlyList<string> regions)
    {
        sb.Append("<form class=\"filters\" method=\"get\" action=\"").Append(ServeRoutes.Page).Append("\" id=\"filters\">");
        Select(sb, "rule", "规则", "Rule", q?.Rule, RuleCatalog.Codes.Select(c => (c, $"{c} {RuleCatalog.NameZh(c)}")));
        Select(sb, "severity", "严重程度", "Severity", q?.Severity is { } s ? Labels.Severity(s).En : null,
            [("high", "高 high"), ("medium", "中 medium"), ("low", "低 low")]);
        Select(sb, "status", "状态", "Status", q is null ? "open" : q.Status is { } st ? Labels.Status(st).En : null,
            [("open", "有效 open"), ("withdrawn", "已撤销 withdrawn")]);
        Select(sb, "region", "统筹区", "Region", q?.Region, regions.Select(r => (r, r)));
        sb.Append("<label>机构 <small>Facility</small><input type=\"text\" name=\"facility\" size=\"14\" value=\"").Append(Html.E(q?.FacilityId)).Append("\"></label>")
            .Append(CultureInfo.InvariantCulture, $"<label>条数 <small>Limit</small><input type=\"number\" name=\"limit\" min=\"1\" max=\"{AlertQuery.MaxLimit}\" value=\"{q?.Limit ?? AlertFilter.DefaultLimit}\"></label>")
            .Append("<button type=\"submit\">筛选 <small>Filter</small></button></form>");
    }

    /// <summary>A select whose first option (<c>any</c>) is no filter.</summary>
    private static void Select(StringBuilder sb, string name, string zh, string en, string? selected, IEnumerable<(string Value, string Text)> options)
    {
        sb.Append("<label>").Append(Html.Label(zh, en)).Append("<select name=\"").Append(name).Append("\"><option value=\"any\">全部 all</option>");
        foreach (var (value, text) in options)
        {
            sb.Append("<option value=\"").Append(Html.E(value)).Append('"').Append(value == selected ? " selected" : "").Append('>').Append(Html.E(text)).Append("</option>");
        }

        sb.Append("</select></label>");
    }

    private static void Table(StringBuilder sb, AlertList list)
    {
        sb.Append("<table id=\"alerts\"><thead><tr><th>预警 <small>Alert</small></th><th>规则 <small>Rule</small></th><th>严重程度 <small>Severity</small></th>")
            .Append("<th>状态 <small>Status</small></th><th>审核 <small>Review</small></th><th>参保人 <small>Patient</small></th><th>机构 <small>Facility</small></th>")
            .Append("<th>发生时间 <small>Event time</small></th><th>说明 <small>Message</small></th></tr></thead><tbody>");
        foreach (var a in list.Alerts)
        {
            var (zh, en) = Labels.Rule(a.Rule);
            sb.Append("<tr data-alert=\"").Append(Html.E(a.AlertId)).Append("\"><td class=\"key\">").Append(Html.AlertLink(a.AlertId)).Append("</td>")
                .Append("<td>").Append(Html.E(a.Rule)).Append(' ').Append(Html.Label(zh, en)).Append("</td>")
                .Append("<td class=\"sev-").Append(Labels.Severity(a.Severity).En).Append("\">").Append(Labels.Of(Labels.Severity(a.Severity))).Append("</td>")
                .Append("<td>").Append(Labels.Of(Labels.Status(a.Status))).Append("</td>")
                .Append("<td>").Append(Labels.Of(Labels.Review(list.Reviews.GetValueOrDefault(a.AlertId)))).Append("</td>")
                .Append("<td class=\"key\">").Append(Html.E(a.PatientId ?? "—")).Append("</td>")
                .Append("<td class=\"key\">").Append(Html.E(a.FacilityId ?? "—")).Append("</td>")
                .Append("<td class=\"key\">").Append(Html.E(a.EventTime)).Append("</td>")
                .Append("<td>").Append(Html.E(a.MessageZh)).Append("</td></tr>");
        }

        sb.Append("</tbody></table>");
    }

    /// <summary>The status the list shows when none is asked for: triage works on open alerts.</summary>
    public static AlertStatus DefaultStatus => AlertStatus.Open;
}
