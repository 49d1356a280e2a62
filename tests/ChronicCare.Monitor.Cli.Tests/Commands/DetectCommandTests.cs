using System.Text.Json;
using ChronicCare.Monitor.Cli.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Cli.Tests.Commands;

/// <summary>contract §7 batch mode, end to end through the <c>chroniccare</c> command.</summary>
public sealed class DetectCommandTests
{
    [Fact]
    public void Detect_ContractExamples_GivesExactlyTheExpectedAlerts()
    {
        var outDir = Paths.TempDir();
        var run = CliRun.Of("detect", "--reference", Paths.Examples, "--events", Path.Combine(Paths.Examples, "events.jsonl"), "--out", outDir);
        Assert.Equal(0, run.ExitCode);

        var alerts = ReadJsonl(Path.Combine(outDir, "alerts.jsonl"));
        var open = alerts.Where(a => a.GetProperty("status").GetString() == "open" && IsExact(a))
            .Select(a => $"{a.GetProperty("rule").GetString()} {a.GetProperty("settlement_id").GetString()}").Order(StringComparer.Ordinal);
        // examples/expected-alerts.md: S0001 none; S0002 R03 withdrawn or never raised; S0003 R05 + R06; S0004 R01 + R02.
        // R15 (statistical, the committed model's judgement) is left out: the contract defines only the exact rules' alerts.
        Assert.Equal(["R01 S0004", "R02 S0004", "R05 S0003", "R06 S0003"], open);
        Assert.Contains("R15 model: outlier-v", run.Out, StringComparison.Ordinal);
        Assert.All(alerts.Where(a => a.GetProperty("settlement_id").GetString() == "S0002"), a => Assert.Equal("withdrawn", a.GetProperty("status").GetString()));
        Assert.DoesNotContain(alerts, a => a.GetProperty("settlement_id").GetString() == "S0001" && IsExact(a));

        var actions = ReadJsonl(Path.Combine(outDir, "actions.jsonl"));
        var revoked = actions.Where(a => a.GetProperty("action").GetString() == "REINSTATE").Select(a => a.GetProperty("revokes").GetString()).ToHashSet();
        var inForce = actions.Where(a => a.GetProperty("action").GetString() != "REINSTATE" && !revoked.Contains(a.GetProperty("action_id").GetString()))
            .Select(a => $"{a.GetProperty("action").GetString()} {a.GetProperty("patient_id").GetString()}").Order(StringComparer.Ordinal);
        Assert.Equal(["SUSPEND P0002", "WARNING P0001"], inForce);
        var warning = actions.Single(a => a.GetProperty("action").GetString() == "WARNING");
        Assert.Equal("2026-03-01T09:12:00+08:00", warning.GetProperty("effective_from").GetString());
        Assert.Equal(["R01:S0004", "R02:S0004"], warning.GetProperty("alert_ids").EnumerateArray().Select(x => x.GetString()));

        var dead = ReadJsonl(Path.Combine(outDir, "dead-letter.jsonl"));
        var letter = Assert.Single(dead);
        Assert.Equal(6, letter.GetProperty("line").GetInt32());
        Assert.Equal("events.jsonl", letter.GetProperty("file").GetString());
        Assert.Equal("not json at all", letter.GetProperty("original").GetString());
        Assert.StartsWith("not valid JSON", letter.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("1 dead letters", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_ExamplesShuffledWithDuplicates_SameOpenAlerts()
    {
        var lines = File.ReadAllLines(Path.Combine(Paths.Examples, "events.jsonl"));
        var dir = Paths.TempDir();
        var events = Path.Combine(dir, "events.jsonl");
        File.WriteAllLines(events, lines.Reverse().Concat(lines.Take(3)));
        var run = CliRun.Of("detect", "--reference", Paths.Examples, "--events", events, "--out", Path.Combine(dir, "out"), "--flush-every", "1");
        Assert.Equal(0, run.ExitCode);
        var inOrder = CliRun.Of("detect", "--reference", Paths.Examples, "--events", Path.Combine(Paths.Examples, "events.jsonl"), "--out", Path.Combine(dir, "ordered"));
        Assert.Equal(0, inOrder.ExitCode);
        var open = OpenOf(Path.Combine(dir, "out", "alerts.jsonl"));
        Assert.Equal(["R01:S0004", "R02:S0004", "R05:S0003", "R06:S0003"], open.Select(a => a.Split(' ')[0]).Where(a => !a.StartsWith("R15", StringComparison.Ordinal)));

        // R15 too (with the score in its evidence) does not depend on the order or the flushes.
        Assert.Equal(OpenOf(Path.Combine(dir, "ordered", "alerts.jsonl")), open);
        Assert.Single(ReadJsonl(Path.Combine(dir, "out", "dead-letter.jsonl")));
        Assert.Contains("(3 duplicate deliveries)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_MissingRequiredOption_ExitsUsageWithOneLine()
    {
        var run = CliRun.Of("detect", "--events", "x.jsonl", "--out", "o");
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains("--reference", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_UnknownOption_ExitsUsage()
    {
        var run = CliRun.Of("detect", "--reference", Paths.Examples, "--events", "x", "--out", "o", "--bogus");
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public void Detect_MissingReferenceFolder_ExitsBadInputWithOneLine()
    {
        var run = CliRun.Of("detect", "--reference", "/nonexistent/ref", "--events", Path.Combine(Paths.Examples, "events.jsonl"), "--out", Paths.TempDir());
        Assert.Equal(3, run.ExitCode);
        Assert.Equal("chroniccare: reference folder not found: /nonexistent/ref", run.Error.TrimEnd());
    }

    [Fact]
    public void Detect_BadReferenceLine_ExitsBadInputNamingFileAndLine()
    {
        var dir = Paths.TempDir();
        foreach (var f in Directory.GetFiles(Paths.Examples, "*.jsonl"))
        {
            File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        }

        File.AppendAllText(Path.Combine(dir, "drugs.jsonl"), "{\"drug_code\":\"X\"}\n");
        var run = CliRun.Of("detect", "--reference", dir, "--events", Path.Combine(dir, "events.jsonl"), "--out", Path.Combine(dir, "out"));
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("drugs.jsonl:6", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Detect_MissingEventsFile_ExitsBadInput()
    {
        var run = CliRun.Of("detect", "--reference", Paths.Examples, "--events", "/nonexistent/events.jsonl", "--out", Paths.TempDir());
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("events file not found", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_InvalidPolicy_ExitsBadInput()
    {
        var dir = Paths.TempDir();
        var policy = Path.Combine(dir, "policy.json");
        File.WriteAllText(policy, "{ \"supply\": { \"max_days\": 0 } }");
        var run = CliRun.Of("detect", "--reference", Paths.Examples, "--events", Path.Combine(Paths.Examples, "events.jsonl"), "--out", Path.Combine(dir, "out"), "--policy", policy);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("max_days", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_DefaultPolicyFolder_SameAsBuiltIn()
    {
        var dir = Paths.TempDir();
        var run = CliRun.Of("detect", "--reference", Paths.Examples, "--events", Path.Combine(Paths.Examples, "events.jsonl"), "--out", dir,
            "--policy", Path.Combine(Paths.Repo, "pipelines", "policies", "default"));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(4, ReadJsonl(Path.Combine(dir, "alerts.jsonl")).Count(a => a.GetProperty("status").GetString() == "open" && IsExact(a)));
    }

    /// <summary>An alert of an exact rule (R01..R11, R14), the ones the contract defines alert for alert.</summary>
    private static bool IsExact(JsonElement alert) => alert.GetProperty("rule").GetString() is not ("R12" or "R13" or "R15");

    /// <summary>Open alerts as "id evidence", sorted.</summary>
    private static List<string> OpenOf(string alertsFile) => ReadJsonl(alertsFile)
        .Where(a => a.GetProperty("status").GetString() == "open")
        .Select(a => $"{a.GetProperty("alert_id").GetString()} {a.GetProperty("evidence").GetRawText()}")
        .Order(StringComparer.Ordinal)
        .ToList();

    private static List<JsonElement> ReadJsonl(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
}
