using System.Text.Json;
using System.Text.RegularExpressions;
using ChronicCare.Monitor.Cli.Tests.Support;
using ChronicCare.Monitor.Reporting.Tests.Support;
using ChronicCare.Monitor.Sqlite;
using Xunit;

namespace ChronicCare.Monitor.Cli.Tests.Analytics;

/// <summary>
/// Issue 5's proofs on a simulated year, through the commands: R12/R13 judged from the store at month close equal the
/// ones <c>detect</c> judges in memory; their precision and recall on the simulator's labelled cost outliers; a replay
/// into the same store changes no total; the report renders in headless Chromium with every chart drawn.
/// </summary>
public sealed partial class SimulatedYearTests : IClassFixture<SimulatedYear>
{
    private readonly SimulatedYear _year;

    public SimulatedYearTests(SimulatedYear year)
    {
        _year = year;
    }

    [Fact]
    public async Task CloseMonth_EveryClosedMonth_SameR12AndR13AsDetect()
    {
        var detected = OpenCostAlerts(Path.Combine(_year.Dir, "out", "alerts.jsonl"));
        Assert.Contains(detected, id => id.StartsWith("R12:", StringComparison.Ordinal));
        Assert.Contains(detected, id => id.StartsWith("R13:", StringComparison.Ordinal));

        await using var store = await SqliteAnalyticsStore.OpenAsync(_year.Store, CancellationToken.None);
        for (var m = 1; m <= SimulatedYear.ClosedMonths; m++)
        {
            var month = SimulatedYear.Month(m);
            var judged = (await store.PeriodAlertsAsync(month, CancellationToken.None))
                .Where(a => a.Status == Alerts.AlertStatus.Open).Select(a => a.AlertId).Order(StringComparer.Ordinal);
            Assert.Equal(detected.Where(id => id.EndsWith(month, StringComparison.Ordinal)), judged);

            // The close found exactly what detect had recorded: nothing to raise, change or withdraw.
            Assert.Contains("0 alert records raised or changed, 0 withdrawn", _year.CloseRuns[m - 1].Out, StringComparison.Ordinal);
        }

        Assert.Contains("(provisional: the month is not over)", _year.CloseRuns[10].Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LabelledCostOutliers_R12AndR13PrecisionAndRecallAtLeast90Percent()
    {
        var eval = CliRun.Of("evaluate", "--labels", Path.Combine(_year.City, "labels.jsonl"), "--alerts", Path.Combine(_year.Dir, "out", "alerts.jsonl"),
            "--out", Path.Combine(_year.Dir, "evaluation"));
        Assert.Equal(0, eval.ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_year.Dir, "evaluation", "evaluation.json")));
        foreach (var rule in new[] { "R12", "R13" })
        {
            var row = Rule(doc.RootElement, rule);
            Assert.True(row.GetProperty("expected").GetInt32() >= 5, $"{rule}: too few labels to judge");
            Assert.True(row.GetProperty("precision").GetDouble() >= 0.9, $"{rule} precision: {row}");
            Assert.True(row.GetProperty("recall").GetDouble() >= 0.9, $"{rule} recall: {row}");
        }
    }

    [Fact]
    public void Detect_ReplayedIntoTheSameStore_EveryTotalUnchanged()
    {
        var before = Report("2026-06", "before");
        _year.Detect("replay");
        Assert.Contains("0 alert records raised or changed, 0 withdrawn", _year.CloseMonth(6).Out, StringComparison.Ordinal);
        var after = Report("2026-06", "after");

        Assert.Equal(WithoutGeneratedAt(before), WithoutGeneratedAt(after));
        Assert.Contains("\"settlements\":", before, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_SimulatedMonth_EveryChartDrawnNothingOverflows()
    {
        Chromium.Require();
        var run = CliRun.Of("report", "--month", "2026-06", "--store", _year.Store, "--out", Path.Combine(_year.Dir, "report", "report-2026-06.html"));
        Assert.Equal(0, run.ExitCode);
        var html = File.ReadAllText(Path.Combine(_year.Dir, "report", "report-2026-06.html"));
        var json = File.ReadAllText(Path.Combine(_year.Dir, "report", "report-2026-06.json"));
        Assert.DoesNotContain("\"P0000", html + json, StringComparison.Ordinal); // patients only by pseudonym key
        Assert.Contains("\"patient_key\": \"pk_", json, StringComparison.Ordinal);

        var result = LayoutCheck.Run(html, "simulated-2026-06", 1024);
        Assert.True(result.Ok, "layout problems:\n" + string.Join('\n', result.Problems));
        Assert.Equal((5, 0), (result.Charts, result.Empty));
    }

    private string Report(string month, string name)
    {
        var html = Path.Combine(_year.Dir, name, $"report-{month}.html");
        var run = CliRun.Of("report", "--month", month, "--store", _year.Store, "--out", html);
        Assert.Equal(0, run.ExitCode);
        return File.ReadAllText(Path.ChangeExtension(html, ".json"));
    }

    private static string WithoutGeneratedAt(string json) => GeneratedAt().Replace(json, "");

    private static List<string> OpenCostAlerts(string alertsFile) =>
        File.ReadLines(alertsFile).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(a => a.GetProperty("status").GetString() == "open" && a.GetProperty("rule").GetString() is "R12" or "R13")
            .Select(a => a.GetProperty("alert_id").GetString()!).Order(StringComparer.Ordinal).ToList();

    private static JsonElement Rule(JsonElement evaluation, string rule)
    {
        foreach (var r in evaluation.GetProperty("rules").EnumerateArray())
        {
            if (r.GetProperty("rule").GetString() == rule)
            {
                return r;
            }
        }

        throw new InvalidOperationException($"{rule} not in evaluation.json");
    }

    [GeneratedRegex("\"generated_at\":\\s*\"[^\"]*\",?")]
    private static partial Regex GeneratedAt();
}
