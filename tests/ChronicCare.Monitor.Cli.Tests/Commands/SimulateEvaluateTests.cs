using ChronicCare.Monitor.Cli.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Cli.Tests.Commands;

/// <summary>simulate → detect → evaluate through the command, on a small city: the exact rules must be perfect on the labels.</summary>
public sealed class SimulateEvaluateTests
{
    [Fact]
    public void SimulateDetectEvaluate_SmallCity_ExactRulesHaveFullPrecisionAndRecall()
    {
        var dir = Paths.TempDir();
        var city = Path.Combine(dir, "city");
        var sim = CliRun.Of("simulate", "--out", city, "--patients", "1500", "--months", "12", "--seed", "11", "--fraud-rate", "0.05", "--quiet");
        Assert.Equal(0, sim.ExitCode);
        Assert.True(File.Exists(Path.Combine(city, "labels.jsonl")));

        var detect = CliRun.Of("detect", "--reference", city, "--events", Path.Combine(city, "events.jsonl"), "--out", Path.Combine(dir, "out"), "--quiet");
        Assert.Equal(0, detect.ExitCode);

        var eval = CliRun.Of("evaluate", "--labels", Path.Combine(city, "labels.jsonl"), "--alerts", Path.Combine(dir, "out", "alerts.jsonl"), "--events", Path.Combine(city, "events.jsonl"));
        Assert.Equal(0, eval.ExitCode);
        var rows = eval.Out.Split('\n').Where(l => l.Length > 4 && l[0] == 'R' && char.IsDigit(l[1])).ToList();
        var exact = new[] { "R01", "R02", "R03", "R04", "R05", "R06", "R07", "R08", "R09", "R10", "R11", "R14" };
        foreach (var rule in exact)
        {
            var row = rows.SingleOrDefault(r => r.StartsWith(rule, StringComparison.Ordinal));
            Assert.True(row is not null, $"{rule} missing from:\n{eval.Out}");
            // precision, recall and F1 columns, in that order.
            Assert.True(row!.Contains("100.0 % 100.0 % 100.0 %", StringComparison.Ordinal), $"{rule} not perfect: {row}");
        }

        Assert.True(File.Exists(Path.Combine(dir, "out", "evaluation.md")));
        Assert.True(File.Exists(Path.Combine(dir, "out", "evaluation.json")));
    }

    [Fact]
    public void Simulate_SameSeedTwice_SameBytes()
    {
        var a = Path.Combine(Paths.TempDir(), "a");
        var b = Path.Combine(Paths.TempDir(), "b");
        Assert.Equal(0, CliRun.Of("simulate", "--out", a, "--patients", "200", "--months", "6", "--seed", "5", "--quiet").ExitCode);
        Assert.Equal(0, CliRun.Of("simulate", "--out", b, "--patients", "200", "--months", "6", "--seed", "5", "--quiet").ExitCode);
        foreach (var f in new[] { "events.jsonl", "patients.jsonl", "labels.jsonl", "facilities.jsonl", "drugs.jsonl", "diseases.jsonl" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, f)), File.ReadAllBytes(Path.Combine(b, f)));
        }
    }

    [Fact]
    public void Simulate_BadPatients_ExitsUsage()
    {
        var run = CliRun.Of("simulate", "--out", Paths.TempDir(), "--patients", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Evaluate_MissingLabels_ExitsBadInput()
    {
        var run = CliRun.Of("evaluate", "--labels", "/nonexistent/labels.jsonl", "--alerts", "/nonexistent/alerts.jsonl");
        Assert.Equal(3, run.ExitCode);
    }

    [Fact]
    public void Evaluate_CorruptAlertsFile_ExitsBadInputWithOneLine()
    {
        var dir = Paths.TempDir();
        File.WriteAllText(Path.Combine(dir, "labels.jsonl"), "");
        File.WriteAllText(Path.Combine(dir, "alerts.jsonl"), "{not json\n");
        var run = CliRun.Of("evaluate", "--labels", Path.Combine(dir, "labels.jsonl"), "--alerts", Path.Combine(dir, "alerts.jsonl"));
        Assert.Equal(3, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Demo_SmallCity_ShowsEverySection()
    {
        var run = CliRun.Of("demo", "--patients", "400", "--months", "6", "--out", Paths.TempDir());
        Assert.Equal(0, run.ExitCode);
        foreach (var section in new[] { "== 1. simulate", "== 2. chroniccare detect", "== 3. against the injected fraud", "== 4. a few alerts" })
        {
            Assert.Contains(section, run.Out, StringComparison.Ordinal);
        }

        Assert.Contains("precision", run.Out, StringComparison.Ordinal);
    }
}
