using ChronicCare.Monitor.Analytics;
using System.Text;
using ChronicCare.Monitor.Analytics.Report;
using ChronicCare.Monitor.Files;

namespace ChronicCare.Monitor.Cli.Analytics;

/// <summary>
/// <c>report</c>: the monthly operation analysis report (月度运行分析) from the analytics store, as a self-contained
/// HTML file and the same figures as JSON beside it (<c>FILE.json</c>). The month's rollups are refreshed first, so the
/// report never reads stale totals.
/// </summary>
internal static class ReportJob
{
    public static async Task<(string Html, string Json)> RunAsync(StoreChoice storeChoice, string month, string? region, string? policyPath, string outFile,
        TimeProvider time, CancellationToken ct)
    {
        var policy = PolicyFile.Load(policyPath);
        var html = Path.GetFullPath(outFile);
        var json = Path.ChangeExtension(html, ".json");
        if (string.Equals(html, json, StringComparison.Ordinal))
        {
            throw new ArgumentException("--out must name the HTML file (e.g. report-2026-03.html); the JSON goes beside it");
        }

        await using var store = await storeChoice.OpenAsync(ct).ConfigureAwait(false);
        var first = Monitor.Analytics.Months.Parse(month);

        // The comparisons read the previous month and the same month a year before: refresh all three.
        foreach (var m in new[] { first, first.AddMonths(-1), first.AddYears(-1) }.Concat(Enumerable.Range(1, 12).Select(i => first.AddMonths(-i))).Distinct())
        {
            await store.RefreshRollupsAsync(Monitor.Analytics.Months.Of(m), ct).ConfigureAwait(false);
        }

        var pseudonyms = storeChoice.Pseudonyms();
        var report = await ReportBuilder.BuildAsync(store, month, region, policy.CostOutliers, time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)), ct, pseudonyms.KeyOf)
            .ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(html)!);
        await using (var writer = new StreamWriter(html, false, new UTF8Encoding(false)))
        {
            ReportHtml.Write(report, writer);
        }

        await using (var stream = File.Create(json))
        {
            ReportJson.Write(report, stream);
        }

        return (html, json);
    }
}
