using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChronicCare.Monitor.Analytics.Report;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.Reporting.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Reporting.Tests.Rendering;

/// <summary>
/// Renders reports in headless Chromium with <c>Layout/layout-check.js</c> appended to a copy, and asserts what the
/// script measured: every chart drawn, no label outside its chart or on another, nothing wider than its box. Needs
/// /usr/bin/chromium and a CJK font; fails (never skips) without them. Set REPORT_ARTIFACTS to keep the pages.
/// </summary>
public sealed partial class ReportLayoutChromiumTests
{
    [Theory]
    [InlineData(1024, 1)]
    [InlineData(800, 1)]
    [InlineData(800, 1000)]
    [InlineData(700, 1000)]
    public async Task Render_RichReport_EveryChartDrawnNothingOverflows(int width, long costScale)
    {
        Chromium.Require();
        var report = await ReportBuilder.BuildAsync(
            RichCity.Store(costScale: costScale), RichCity.Month, null, new CostOutlierPolicy(), BasicCity.GeneratedAt, CancellationToken.None);
        Assert.Equal(12, report.ByDisease.Count);
        Assert.Equal(15, report.ByRegion.Count);

        var result = Check(ReportHtml.ToHtml(report), $"rich-{width}-x{costScale}", width);
        Assert.True(result.Ok, $"layout problems at {width}px ({result.Count}):\n" + string.Join('\n', result.Problems));
        Assert.Equal(5, result.Charts);
        Assert.Equal(0, result.Empty);
        Assert.True(result.Texts > 100, $"only {result.Texts} chart texts");
    }

    [Fact]
    public async Task Render_EmptyMonth_EmptyStatesDrawnNothingOverflows()
    {
        Chromium.Require();
        var report = await BasicCity.BuildAsync(new InMemoryAnalyticsStore());
        var result = Check(ReportHtml.ToHtml(report), "empty-800", 800);
        Assert.True(result.Ok, "layout problems:\n" + string.Join('\n', result.Problems));
        Assert.Equal((0, 5), (result.Charts, result.Empty));
    }

    [Fact]
    public async Task Render_RegionReport_EveryChartDrawnNothingOverflows()
    {
        Chromium.Require();
        var report = await ReportBuilder.BuildAsync(RichCity.Store(patients: 800), RichCity.Month, "3202", new CostOutlierPolicy(), BasicCity.GeneratedAt, CancellationToken.None);
        var result = Check(ReportHtml.ToHtml(report), "region-3202-800", 800);
        Assert.True(result.Ok, "layout problems:\n" + string.Join('\n', result.Problems));
        Assert.Equal(5, result.Charts + result.Empty);
    }

    [Fact]
    public void LayoutCheck_BrokenPage_ReportsEveryKindOfProblem()
    {
        // the check itself must see what it is for: a label outside its chart, two labels on each other, an empty
        // chart that draws nothing, text wider than its box
        Chromium.Require();
        const string html = """
            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8" /></head><body style="width: 600px">
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50" width="200" aria-label="broken">
            <rect x="0" y="0" width="10" height="10" fill="#000" />
            <text x="150" y="30" font-size="14">超出图表范围的标签 outside</text>
            <text x="5" y="30" font-size="14">重叠</text><text x="12" y="32" font-size="14">重叠</text></svg>
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50" width="200" aria-label="blank"><text x="5" y="20">x</text></svg>
            <div style="width: 100px; white-space: nowrap">这一行文字太长了，远远超过一百像素的宽度</div>
            </body></html>
            """;
        var result = Check(html, "broken", 800);
        Assert.False(result.Ok);
        Assert.Contains(result.Problems, p => p.StartsWith("broken: text outside the chart", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.StartsWith("broken: labels overlap", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.StartsWith("blank: no bar or line drawn", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.StartsWith("overflow: <div>", StringComparison.Ordinal));
    }

    private static LayoutResult Check(string html, string name, int width)
    {
        var dir = Environment.GetEnvironmentVariable("REPORT_ARTIFACTS") is { Length: > 0 } keep
            ? Directory.CreateDirectory(keep)
            : Directory.CreateTempSubdirectory("chroniccare-report-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, name + ".html"), html);
            var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Layout", "layout-check.js"));
            var checkedPage = Path.Combine(dir.FullName, name + ".check.html");
            File.WriteAllText(checkedPage, html.Replace("</body>", "<script>" + script + "</script></body>", StringComparison.Ordinal));
            var dom = Chromium.DumpDom(checkedPage, width);
            var match = ResultPattern().Matches(dom).LastOrDefault() ?? Match.Empty;
            Assert.True(match.Success, "the layout check wrote no result; the page's DOM ends: " + dom[^Math.Min(600, dom.Length)..]);
            return JsonSerializer.Deserialize<LayoutResult>(WebUtility.HtmlDecode(match.Groups[1].Value), JsonOptions)!;
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("REPORT_ARTIFACTS") is not { Length: > 0 })
            {
                dir.Delete(recursive: true);
            }
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    [GeneratedRegex("<pre id=\"layout-check\">(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex ResultPattern();

    private sealed record LayoutResult(bool Ok, int Svgs, int Charts, int Empty, int Texts, int Width, IReadOnlyList<string> Problems, int Count);
}
