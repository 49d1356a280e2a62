using System.Text.Json;
using ChronicCare.Monitor.Cli.Outliers;
using ChronicCare.Monitor.Cli.Tests.Support;
using ChronicCare.Monitor.Outliers;
using Xunit;

namespace ChronicCare.Monitor.Cli.Tests.Outliers;

/// <summary><c>detect --model</c>: R15 adds its own alerts and changes none of the rules'; a bad model leaves the rules alone.</summary>
public sealed class DetectWithModelTests
{
    private static readonly string Events = Path.Combine(Paths.Examples, "events.jsonl");

    [Fact]
    public void Detect_ContractExamplesWithCommittedModel_SameRuleAlertsAsWithout()
    {
        var (plain, plainAlerts) = Detect(Paths.Examples, Events, "none");
        var (scored, scoredAlerts) = Detect(Paths.Examples, Events, OutlierTestFiles.ModelsDir);

        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(0, scored.ExitCode);
        Assert.DoesNotContain(plainAlerts, a => OutlierTestFiles.Rule(a) == "R15");
        // The rule alerts, field for field (the test clock fixes detected_at).
        Assert.Equal(RuleAlerts(plainAlerts), RuleAlerts(scoredAlerts));
        Assert.Equal(["R01:S0004", "R02:S0004", "R05:S0003", "R06:S0003"],
            scoredAlerts.Where(a => OutlierTestFiles.Rule(a) != "R15" && OutlierTestFiles.IsOpen(a)).Select(a => a.GetProperty("alert_id").GetString()).Order(StringComparer.Ordinal));
        AssertR15Evidence(scoredAlerts.Where(a => OutlierTestFiles.Rule(a) == "R15"), ModelLocator.Load(OutlierTestFiles.CommittedModel));

        Assert.Contains("R15 model: none (rules only)", plain.Out, StringComparison.Ordinal);
        Assert.Contains("R15 model: outlier-v1", scored.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("R15 off", plain.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("R15 off", scored.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_SimulatedCityWithCommittedModel_RuleAlertsUnchangedAndR15AlertsExplained()
    {
        var city = OutlierTestFiles.Simulate(Path.Combine(Paths.TempDir(), "city"), seed: 11);
        var events = Path.Combine(city, "events.jsonl");
        var (plain, plainAlerts) = Detect(city, events, "none");
        var (scored, scoredAlerts) = Detect(city, events, OutlierTestFiles.CommittedModel);

        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(0, scored.ExitCode);
        Assert.NotEmpty(plainAlerts);
        Assert.Equal(RuleAlerts(plainAlerts), RuleAlerts(scoredAlerts));
        var r15 = scoredAlerts.Where(a => OutlierTestFiles.Rule(a) == "R15").ToList();
        Assert.NotEmpty(r15);
        AssertR15Evidence(r15, ModelLocator.Load(OutlierTestFiles.CommittedModel));
        Assert.Contains("R15 model: outlier-v1", scored.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_CorruptModel_RunsRulesAloneWithOneLineReason()
    {
        var file = OutlierTestFiles.WriteVersion(Paths.TempDir(), "outlier-v1", OutlierTestFiles.Truncated());
        var (plain, plainAlerts) = Detect(Paths.Examples, Events, "none");
        var (broken, brokenAlerts) = Detect(Paths.Examples, Events, file);

        Assert.Equal(0, broken.ExitCode);
        var line = Assert.Single(broken.Error.Split('\n'), l => l.Contains("R15 off", StringComparison.Ordinal));
        Assert.Contains(file, line, StringComparison.Ordinal);
        Assert.Contains("not a model file", line, StringComparison.Ordinal);
        Assert.Contains("R15 model: none (rules only)", broken.Out, StringComparison.Ordinal);
        Assert.Equal(plainAlerts.Select(a => a.GetRawText()), brokenAlerts.Select(a => a.GetRawText()));
        Assert.Equal(plain.ExitCode, broken.ExitCode);
    }

    [Fact]
    public void Detect_IncompatibleModel_RunsRulesAloneWithOneLineReason()
    {
        var dir = Paths.TempDir();
        var file = OutlierTestFiles.WriteVersion(dir, "outlier-v2", OutlierTestFiles.IncompatibleSchema());
        var (_, plainAlerts) = Detect(Paths.Examples, Events, "none");
        var (run, alerts) = Detect(Paths.Examples, Events, dir);

        Assert.Equal(0, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n'), l => l.Contains("R15 off", StringComparison.Ordinal));
        Assert.Contains(file, line, StringComparison.Ordinal);
        Assert.Contains("incompatible feature schema", line, StringComparison.Ordinal);
        Assert.Equal(plainAlerts.Select(a => a.GetRawText()), alerts.Select(a => a.GetRawText()));
    }

    [Fact]
    public void Detect_NonexistentModelPath_ExitsUsageWithOneLine()
    {
        var run = CliRun.Of("detect", "--reference", Paths.Examples, "--events", Events, "--out", Paths.TempDir(), "--model", "/nonexistent/models", "--quiet");
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains("/nonexistent/models", line, StringComparison.Ordinal);
    }

    private static (CliRun Run, List<JsonElement> Alerts) Detect(string reference, string events, string model)
    {
        var outDir = Path.Combine(Paths.TempDir(), "out");
        var run = CliRun.Of("detect", "--reference", reference, "--events", events, "--out", outDir, "--model", model, "--quiet");
        var file = Path.Combine(outDir, "alerts.jsonl");
        return (run, File.Exists(file) ? OutlierTestFiles.ReadJsonl(file) : []);
    }

    private static List<string> RuleAlerts(IEnumerable<JsonElement> alerts) =>
        alerts.Where(a => OutlierTestFiles.Rule(a) != "R15").Select(a => a.GetRawText()).ToList();

    private static void AssertR15Evidence(IEnumerable<JsonElement> r15, OutlierModel model)
    {
        var names = OutlierFeatures.All.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(r15);
        Assert.All(r15, a =>
        {
            var score = a.GetProperty("score").GetDouble();
            var evidence = a.GetProperty("evidence");
            Assert.Equal(score, evidence.GetProperty("score").GetDouble());
            Assert.True(score >= Math.Round(model.Threshold, 4), $"{a.GetProperty("alert_id")}: score {score} not above {model.Threshold}");
            Assert.Equal(Math.Round(model.Threshold, 4), evidence.GetProperty("threshold").GetDouble());
            Assert.Equal("outlier-v1", evidence.GetProperty("model").GetString());
            Assert.Equal(model.Kind, evidence.GetProperty("model_kind").GetString());
            var top = evidence.GetProperty("top_features").EnumerateArray().ToList();
            Assert.InRange(top.Count, 1, 3);
            Assert.All(top, f => Assert.Contains(f.GetProperty("feature").GetString()!, names));
            Assert.Equal("R15:" + a.GetProperty("settlement_id").GetString(), a.GetProperty("alert_id").GetString());
        });
    }
}
