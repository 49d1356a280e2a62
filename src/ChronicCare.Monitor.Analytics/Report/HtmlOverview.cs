namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>The overview: headline cards with their month-on-month and year-on-year changes, and the change table.</summary>
internal static class HtmlOverview
{
    private static readonly ReportMetric[] Cards =
    [
        ReportMetric.EnrolledPatients,
        ReportMetric.ActivePatients,
        ReportMetric.Settlements,
        ReportMetric.HospitalisationRate,
        ReportMetric.TotalCost,
        ReportMetric.FundCost,
        ReportMetric.SelfCost,
        ReportMetric.PerCapitaCost,
    ];

    public static void Write(Markup m, MonthlyReport r)
    {
        m.Chapter("overview", "一、总体情况", "Overview");
        var changes = r.HeadlineChanges.ToDictionary(c => c.Metric);
        m.Block().Open("div", "kpis").Line();
        foreach (var metric in Cards)
        {
            var change = changes[metric];
            var kind = ReportMetrics.KindOf(metric);
            var value = Formats.Metric(kind, change.Value);
            var (mom, momCss) = Formats.Change(change.MonthOnMonth);
            var (yoy, yoyCss) = Formats.Change(change.YearOnYear);
            m.Open("div", "kpi")
                .Open("div", "label").Text(ReportMetrics.NameZh(metric)).Element("small", ReportMetrics.NameEn(metric)).Close("div")
                .Open("div", value.Length > 12 ? "value long" : "value").Element("span", value, "num")
                .Element("span", kind switch { MetricKind.Money => "元", MetricKind.Rate => string.Empty, _ => metric == ReportMetric.Settlements ? "人次" : "人" }, "unit")
                .Close("div")
                .Open("div", "chg").Text("环比 MoM ").Element("span", mom, momCss).Close("div")
                .Open("div", "chg").Text("同比 YoY ").Element("span", yoy, yoyCss).Close("div")
                .Close("div").Line();
        }

        m.Close("div").EndBlock();

        m.Table(
            [
                new("指标", "Metric"),
                new("本月", r.Month, true),
                new("上月", r.PreviousMonth, true),
                new("环比", "MoM", true),
                new("去年同月", r.YearAgoMonth, true),
                new("同比", "YoY", true),
            ],
            r.HeadlineChanges.Select(c => ChangeRow(c)),
            heading: ("环比与同比", "Month-on-month and year-on-year"));
        m.EndChapter();
    }

    internal static IReadOnlyList<TableCell> ChangeRow(MetricChange c)
    {
        var kind = ReportMetrics.KindOf(c.Metric);
        var (mom, momCss) = Formats.Change(c.MonthOnMonth);
        var (yoy, yoyCss) = Formats.Change(c.YearOnYear);
        var unit = kind == MetricKind.Money ? "（元）" : string.Empty;
        return
        [
            new TableCell(ReportMetrics.NameZh(c.Metric) + unit, ReportMetrics.NameEn(c.Metric)),
            Formats.Metric(kind, c.Value),
            Formats.Metric(kind, c.MonthAgo),
            new TableCell(mom, Css: momCss),
            Formats.Metric(kind, c.YearAgo),
            new TableCell(yoy, Css: yoyCss),
        ];
    }
}
