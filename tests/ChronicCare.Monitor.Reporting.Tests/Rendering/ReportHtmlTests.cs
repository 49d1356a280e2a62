using ChronicCare.Monitor.Analytics;
using System.Xml;
using System.Xml.Linq;
using ChronicCare.Monitor.Analytics.Report;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Reporting.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Reporting.Tests.Rendering;

public sealed class ReportHtmlTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>The page parsed as XML (the doctype skipped): it must be well-formed.</summary>
    internal static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    private static async Task<string> Html(InMemoryAnalyticsStore store, string month = BasicCity.Month, string? region = null) =>
        ReportHtml.ToHtml(await BasicCity.BuildAsync(store, month, region));

    [Fact]
    public async Task Write_Basic_WellFormedChinesePageWithoutScriptsOrLinks()
    {
        var html = await Html(BasicCity.Store());
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        var doc = Parse(html);
        var root = doc.Root!;
        Assert.Equal("html", root.Name.LocalName);
        Assert.Equal("zh-CN", (string?)root.Attribute("lang"));
        Assert.DoesNotContain(doc.Descendants(), e => e.Name.LocalName is "script" or "link" or "img" or "iframe");
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_Basic_PrintableStylesAndCjkFontStack()
    {
        var html = await Html(BasicCity.Store());
        Assert.Contains("@page { size: A4", html, StringComparison.Ordinal);
        Assert.Contains("section, figure, table, .kpis, .kpi { break-inside: avoid", html, StringComparison.Ordinal);
        var doc = Parse(html);
        Assert.All(doc.Descendants("table"), t => Assert.Equal("block", (string?)t.Parent!.Attribute("class")));
        Assert.All(doc.Descendants("figure"), f => Assert.Equal("section", f.Parent!.Name.LocalName));
        Assert.Contains("\"Noto Sans CJK SC\"", html, StringComparison.Ordinal);
        Assert.Contains("\"WenQuanYi Zen Hei\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_Basic_ChineseHeadingsWithEnglishSubtitles()
    {
        var doc = Parse(await Html(BasicCity.Store()));
        var h2 = doc.Descendants("h2").ToList();
        Assert.Equal(11, h2.Count);
        Assert.All(h2, h => Assert.NotNull(h.Element("small")));
        Assert.Contains(h2, h => h.Value.StartsWith("二、费用结构", StringComparison.Ordinal) && h.Element("small")!.Value == "Cost structure");
    }

    [Fact]
    public async Task Write_Basic_EveryChartDrawnWithTitleAndViewBox()
    {
        var doc = Parse(await Html(BasicCity.Store()));
        var charts = doc.Descendants(Svg + "svg").ToList();
        Assert.Equal(
            ["月人均费用构成 Cost per patient by item", "各病种医疗总费用 Total cost by disease", "各级别机构月人均费用 Cost per patient by facility level",
             "近13个月医疗总费用、统筹基金支付与就诊人数 13-month trend"],
            charts.Take(4).Select(c => (string)c.Attribute("aria-label")!));
        Assert.Equal(5, charts.Count);
        foreach (var chart in charts)
        {
            Assert.Matches(@"^0 0 \d+(\.\d+)? \d+(\.\d+)?$", (string)chart.Attribute("viewBox")!);
            Assert.NotNull(chart.Element(Svg + "title"));
            Assert.NotEmpty(chart.Descendants(Svg + "text"));
        }

        // March has alerts in no rule here: only that chart is empty
        Assert.Equal(["chart chart-empty"], charts.Select(c => (string)c.Attribute("class")!).Where(c => c.Contains("empty", StringComparison.Ordinal)));
        Assert.Contains(charts[^1].Descendants(Svg + "text"), t => t.Value == ReportHtml.NoData);
    }

    [Fact]
    public async Task Write_Bars_ValueLabelsAndDiseaseNames()
    {
        var doc = Parse(await Html(BasicCity.Store()));
        var disease = doc.Descendants(Svg + "svg").ElementAt(1);
        var texts = disease.Descendants(Svg + "text").Select(t => t.Nodes().OfType<XText>().Select(x => x.Value).FirstOrDefault() ?? t.Value).ToList();
        Assert.Contains("高血压", texts);
        Assert.Contains("150.00", texts); // 元 below 100,000 yuan
        Assert.Contains("90.00", texts);
        Assert.Equal(2, disease.Descendants(Svg + "rect").Count());
    }

    [Fact]
    public async Task Write_MarkupInNames_Escaped()
    {
        var store = BasicCity.Store();
        store.Diseases[0] = new DiseaseRow("HTN", "<script>alert(\"x\")</script> & 高'血压", 10000);
        store.FacilityMonths.Add(Rows.Fm("2026-03", "F<1>", "hospital", 2, "320101", 30, 10000));
        store.Facilities.Add(new FacilityRow("F<1>", "<b>\"仁济\" & 医院</b>", "hospital", 2, "320101"));
        var html = await Html(store);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>\"仁济", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 高&#39;血压", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;&quot;仁济&quot; &amp; 医院&lt;/b&gt;", html, StringComparison.Ordinal);
        var doc = Parse(html);
        Assert.Contains(doc.Descendants("td"), td => td.Value.StartsWith("<b>\"仁济\" & 医院</b>", StringComparison.Ordinal));
        Assert.Contains(doc.Descendants(Svg + "text"), t => t.Value.Contains("<script>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Write_ControlCharactersInNames_StillWellFormed()
    {
        var store = BasicCity.Store();
        store.Diseases[0] = new DiseaseRow("HTN", "高\u0001血\uD800压", 10000);
        var doc = Parse(await Html(store));
        Assert.Contains(doc.Descendants("td"), td => td.Value.StartsWith("高\uFFFD血\uFFFD压", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Write_LongName_TruncatedWithEllipsisAndFullTitle()
    {
        var store = BasicCity.Store();
        var name = "慢性肾脏病（维持性血液透析、腹膜透析治疗）及肾移植术后抗排异治疗门诊长期用药";
        store.Diseases[0] = new DiseaseRow("HTN", name, 10000);
        var doc = Parse(await Html(store));
        var label = doc.Descendants(Svg + "svg").ElementAt(1).Descendants(Svg + "text").First(t => t.Element(Svg + "title")?.Value == name);
        Assert.EndsWith("…", label.Nodes().OfType<XText>().Single().Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_Changes_ArrowsWithColour()
    {
        var doc = Parse(await Html(BasicCity.Store()));
        var cells = doc.Descendants("td").ToList();
        Assert.Contains(cells, td => (string?)td.Attribute("class") == "n up" && td.Value == "▲ +20.0%"); // total cost MoM
        Assert.Contains(cells, td => (string?)td.Attribute("class") == "n down" && td.Value == "▼ −40.0%"); // per capita MoM
        Assert.Contains(cells, td => (string?)td.Attribute("class") == "n flat" && td.Value == "—");
    }

    [Fact]
    public async Task Write_RegionAndLevelChanges_CompactTablesLikeTheDiseaseOne()
    {
        var store = BasicCity.Store();
        store.PatientMonths.Add(Rows.Pm("2026-03", "P5", "HTN", 3, "320106", 1, treatment: 4000));
        var doc = Parse(await Html(store));
        var disease = ChangeTable(doc, "by-disease", "Changes by disease");
        var region = ChangeTable(doc, "by-region", "Changes by region");
        var level = ChangeTable(doc, "by-level", "Changes by facility level");
        Assert.Equal(Headers(disease).Skip(1), Headers(region).Skip(1));
        Assert.Equal(Headers(disease).Skip(1), Headers(level).Skip(1));
        Assert.Equal("参保地区Patient region", Headers(region)[0]);
        Assert.Equal("机构级别Facility level", Headers(level)[0]);

        Assert.Equal(
            [
                ["320102", "0.0%", "—", "▼ −25.0%", "—", "▼ −25.0%", "—"],
                ["320106", "—", "—", "—", "—", "—", "—"], // only this month
                ["320205", "—", "—", "—", "—", "—", "—"], // no settlements in February
            ],
            Cells(region));
        Assert.Equal(
            [
                ["未定级/基层Ungraded", "—", "—", "—", "—", "—", "—"],
                ["一级Level 1", "0.0%", "—", "▼ −50.0%", "—", "▼ −50.0%", "—"],
                ["二级Level 2", "—", "—", "—", "—", "—", "—"],
                ["三级Level 3", "—", "—", "—", "—", "—", "—"],
            ],
            Cells(level));
        var down = level.Descendants("td").First(td => td.Value == "▼ −50.0%");
        Assert.Equal("n down", (string?)down.Attribute("class"));
    }

    [Fact]
    public async Task Write_RegionAndLevelChanges_YearOnYearRises()
    {
        var store = BasicCity.Store();
        store.PatientMonths.Add(Rows.Pm("2025-03", "P1", "HTN", 2, "320102", 2, drug: 8000));
        var doc = Parse(await Html(store));
        var region = Cells(ChangeTable(doc, "by-region", "Changes by region"));
        Assert.Equal(["320102", "0.0%", "0.0%", "▼ −25.0%", "▲ +87.5%", "▼ −25.0%", "▲ +87.5%"], region[0]);
        var level = Cells(ChangeTable(doc, "by-level", "Changes by facility level"));
        Assert.Equal(["二级Level 2", "—", "▲ +100.0%", "—", "▲ +75.0%", "—", "▼ −12.5%"], level[2]);
    }

    [Fact]
    public async Task Write_EmptyMonth_NoDataStatesInsteadOfCharts()
    {
        var html = await Html(new InMemoryAnalyticsStore());
        var doc = Parse(html);
        var charts = doc.Descendants(Svg + "svg").ToList();
        Assert.Equal(5, charts.Count);
        Assert.All(charts, c => Assert.Equal("chart chart-empty", (string?)c.Attribute("class")));
        Assert.All(charts, c => Assert.Contains(c.Descendants(Svg + "text"), t => t.Value == ReportHtml.NoData));
        Assert.Contains(doc.Descendants("p"), p => (string?)p.Attribute("class") == "empty");
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_RegionReport_HeaderNamesThePrefix()
    {
        var doc = Parse(await Html(BasicCity.Store(), region: "3201"));
        Assert.Contains(doc.Descendants("b"), b => b.Value == "3201*");
        Assert.Contains("3201", doc.Descendants("title").First().Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_RichReport_TablesForEveryBreakdown()
    {
        var report = await ReportBuilder.BuildAsync(RichCity.Store(patients: 600), RichCity.Month, null, new(), BasicCity.GeneratedAt, CancellationToken.None);
        var doc = Parse(ReportHtml.ToHtml(report));
        Assert.Equal(5, doc.Descendants(Svg + "svg").Count(c => (string?)c.Attribute("class") == "chart"));
        var region = doc.Descendants("div").Single(s => (string?)s.Attribute("id") == "by-region");
        Assert.Equal([16, 15], region.Descendants("tbody").Select(b => b.Elements("tr").Count())); // 15 regions and the total; their changes
        var level = doc.Descendants("div").Single(s => (string?)s.Attribute("id") == "by-level");
        Assert.Equal([4, 4], level.Descendants("tbody").Select(b => b.Elements("tr").Count()));
        Assert.Contains(region.Descendants("td"), td => ((string?)td.Attribute("class"))?.Contains("up", StringComparison.Ordinal) == true);
        var patients = doc.Descendants("div").Single(s => (string?)s.Attribute("id") == "patients");
        Assert.Equal(10, patients.Descendants("tbody").Single().Elements("tr").Count());
        Assert.DoesNotContain("NaN", doc.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The table under the h3 whose English subtitle is <paramref name="en"/>, in the chapter <paramref name="chapter"/>.</summary>
    private static XElement ChangeTable(XDocument doc, string chapter, string en) =>
        doc.Descendants("div").Single(d => (string?)d.Attribute("id") == chapter)
            .Descendants("section").Single(s => s.Element("h3")?.Element("small")?.Value == en)
            .Element("table")!;

    private static List<string> Headers(XElement table) => table.Descendants("th").Select(th => th.Value).ToList();

    private static List<List<string>> Cells(XElement table) =>
        table.Element("tbody")!.Elements("tr").Select(tr => tr.Elements("td").Select(td => td.Value).ToList()).ToList();
}
