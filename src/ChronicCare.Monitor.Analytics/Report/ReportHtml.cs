using System.Globalization;

namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>
/// Writes a <see cref="MonthlyReport"/> as one self-contained, printable HTML page (月度运行分析报告): inline CSS and
/// inline SVG charts, no script, no external font or resource; Chinese headings with English subtitles; every text
/// escaped; XHTML-compatible (parses as XML once the doctype is skipped).
/// </summary>
public static class ReportHtml
{
    public const string TitleZh = "门诊慢特病月度运行分析报告";
    public const string TitleEn = "Monthly operation analysis: outpatient chronic and special disease benefits";

    /// <summary>What a chart or table without data shows.</summary>
    public const string NoData = "本月无数据 No data";

    public static void Write(MonthlyReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var m = new Markup(output);
        m.Raw("<!DOCTYPE html>").Line()
            .Raw("<html lang=\"zh-CN\">").Line()
            .Open("head").Line()
            .Raw("<meta charset=\"utf-8\" />").Line()
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />").Line()
            .Raw("<meta name=\"generator\" content=\"ChronicCare Monitor\" />").Line()
            .Element("title", $"{TitleZh} {report.Month}{(report.Region is null ? string.Empty : " " + report.Region)}").Line()
            .Open("style").Raw(ReportStyles.Sheet).Close("style").Line()
            .Close("head").Line()
            .Open("body").Line();

        WriteHeader(m, report);
        HtmlOverview.Write(m, report);
        HtmlCosts.Write(m, report);
        HtmlOversight.Write(m, report);
        WriteFooter(m, report);

        m.Close("body").Line().Close("html").Line();
        output.Flush();
    }

    /// <summary>The page as a string (tests, small reports).</summary>
    public static string ToHtml(MonthlyReport report)
    {
        using var w = new StringWriter(CultureInfo.InvariantCulture);
        Write(report, w);
        return w.ToString();
    }

    internal static string RegionText(string? region) => region is null ? "全部地区 All regions" : $"{region}{(region.Length < 6 ? "*" : string.Empty)}";

    private static void WriteHeader(Markup m, MonthlyReport r)
    {
        m.Open("header", "report-head").Line()
            .Open("h1").Text(TitleZh).Element("small", TitleEn).Close("h1").Line()
            .Open("p", "meta")
            .Text("统计月份 Month: ").Element("b", r.Month)
            .Text(" · 地区 Region: ").Element("b", RegionText(r.Region))
            .Text($" · 环比基期 MoM base: {r.PreviousMonth} · 同比基期 YoY base: {r.YearAgoMonth}")
            .Close("p").Line()
            .Element("p", "生成时间 Generated: " + r.GeneratedAt.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture), "meta note").Line()
            .Close("header").Line();
    }

    private static void WriteFooter(Markup m, MonthlyReport r)
    {
        m.Open("footer").Line()
            .Element("p", "口径说明 Definitions").Line()
            .Open("ul")
            .Element("li", "费用为未冲销结算之合计（元，两位小数）；Amounts are the non-reversed settlements, in yuan.")
            .Element("li", "就诊人数：本月有结算的不同人员；月人均费用 = 医疗总费用 / 就诊人数。Active patients are distinct patients with settlements; cost per patient = total / active patients.")
            .Element("li", "住院率 = 本月入院的参保或就诊人员 / 就诊人数。Hospitalisation rate = patients (enrolled or active) admitted in the month / active patients.")
            .Element("li", "按机构级别统计时，同一人员在多个级别就诊的，在每个级别各计一次。A patient seen at several facility levels counts once under each.")
            .Element("li", "环比、同比为相对变化；基期为 0 或无数据时不计算（—）。Changes are relative; none (—) when the base is 0 or missing.")
            .Element("li", $"同类机构：同城同类型同级别且结算不少于 {r.FacilityCriteria.MinSettlements} 人次的机构（含自身），不足 {r.FacilityCriteria.PeerGroupMinFacilities} 家时取全部地区同类型同级别机构，与 R12 规则一致。Peers follow R12.")
            .Element("li", "人员以假名化编号显示，不含其他可识别信息。Patients are shown by pseudonymised key only.")
            .Close("ul").Line()
            .Close("footer").Line();
    }
}
