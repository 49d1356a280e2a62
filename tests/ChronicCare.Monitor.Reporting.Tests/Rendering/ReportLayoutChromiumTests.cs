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
public sealed class ReportLayoutChromiumTests
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

    private static LayoutResult Check(string html, string name, int width) => LayoutCheck.Run(html, name, width);
}
