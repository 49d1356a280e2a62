using System.Globalization;
using System.Text.Json;
using ChronicCare.Monitor.Cli.Outliers;
using ChronicCare.Monitor.Cli.Tests.Support;
using ChronicCare.Monitor.Outliers;
using Xunit;

namespace ChronicCare.Monitor.Cli.Tests.Outliers;

/// <summary>A small simulated city and one model trained on it (<c>train</c> with its defaults), once per test class.</summary>
public sealed class TrainedCity : IDisposable
{
    public TrainedCity()
    {
        Dir = Paths.TempDir();
        OutlierTestFiles.Simulate(City);
        Run = CliRun.Of("train", "--reference", City, "--events", Events, "--out", Path.Combine(Dir, "models", "outlier-v1"), "--odds", "none", "--quiet");
    }

    public string Dir { get; }

    public string City => Path.Combine(Dir, "city");

    public string Events => Path.Combine(City, "events.jsonl");

    public string ModelsDir => Path.Combine(Dir, "models");

    public string ModelFile => Path.Combine(ModelsDir, "outlier-v1", "model.json");

    internal CliRun Run { get; }

    internal CliRun Train(string outDir, params string[] extra) =>
        CliRun.Of(["train", "--reference", City, "--events", Events, "--out", outDir, "--odds", "none", "--quiet", .. extra]);

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

/// <summary><c>chroniccare train</c>: the version folder it writes, its determinism, its refusals and its calibration.</summary>
public sealed class TrainCommandTests(TrainedCity city) : IClassFixture<TrainedCity>
{
    [Fact]
    public void Train_SmallSimulatedCity_WritesModelAndCard()
    {
        Assert.Equal(0, city.Run.ExitCode);
        Assert.True(File.Exists(city.ModelFile));
        var card = Path.Combine(city.ModelsDir, "outlier-v1", "README.md");
        Assert.True(File.Exists(card));
        Assert.Contains("trained outlier-v1", city.Run.Out, StringComparison.Ordinal);

        var json = OutlierTestFiles.Parse(File.ReadAllText(city.ModelFile));
        Assert.Equal("outlier-v1", json.GetProperty("version").GetString());
        var kind = json.GetProperty("kind").GetString()!;
        Assert.Contains(kind, new[] { "isolation_forest", "pca" });
        var threshold = json.GetProperty("threshold").GetDouble();

        var text = File.ReadAllText(card);
        Assert.StartsWith("# Outlier model outlier-v1 ", text, StringComparison.Ordinal);
        Assert.Contains($"Kind: **{kind}**", text, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Threshold: **{threshold:0.000000}**"), text, StringComparison.Ordinal);
        Assert.Contains("## Features", text, StringComparison.Ordinal);
        Assert.All(OutlierFeatures.All, f => Assert.Contains($"| `{f.Name}` |", text, StringComparison.Ordinal));
        Assert.Contains("## Evaluation on the held-out patients", text, StringComparison.Ordinal);
        Assert.Contains("(chosen)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("## Benchmark on the ODDS tables", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_SameSeedTwice_ByteIdenticalApartFromTrainedAt()
    {
        var dir = Paths.TempDir();
        var a = city.Train(Path.Combine(dir, "a", "outlier-v1"), "--kind", "isolation_forest", "--seed", "5");
        var b = city.Train(Path.Combine(dir, "b", "outlier-v1"), "--kind", "isolation_forest", "--seed", "5");
        Assert.Equal(0, a.ExitCode);
        Assert.Equal(0, b.ExitCode);
        var first = WithoutTrainedAt(Path.Combine(dir, "a", "outlier-v1", "model.json"));
        var second = WithoutTrainedAt(Path.Combine(dir, "b", "outlier-v1", "model.json"));
        Assert.True(first.Length > 1000);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Train_AnotherSeed_DifferentModel()
    {
        var dir = Paths.TempDir();
        Assert.Equal(0, city.Train(Path.Combine(dir, "a", "outlier-v1"), "--kind", "isolation_forest", "--seed", "5").ExitCode);
        Assert.Equal(0, city.Train(Path.Combine(dir, "b", "outlier-v1"), "--kind", "isolation_forest", "--seed", "6").ExitCode);
        Assert.NotEqual(
            WithoutTrainedAt(Path.Combine(dir, "a", "outlier-v1", "model.json")),
            WithoutTrainedAt(Path.Combine(dir, "b", "outlier-v1", "model.json")));
    }

    [Fact]
    public void Train_KindPca_WritesPcaModel()
    {
        var dir = Paths.TempDir();
        var run = city.Train(Path.Combine(dir, "outlier-v4"), "--kind", "pca");
        Assert.Equal(0, run.ExitCode);
        var model = ModelLocator.Load(Path.Combine(dir, "outlier-v4", "model.json"));
        Assert.Equal("pca", model.Kind);
        Assert.Equal("outlier-v4", model.Version);
    }

    [Fact]
    public void Train_OutNotAVersionFolder_ExitsUsageWithOneLine()
    {
        var dir = Paths.TempDir();
        var run = city.Train(Path.Combine(dir, "mymodel"));
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains("outlier-vN", run.Error, StringComparison.Ordinal);
        Assert.Contains("mymodel", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "mymodel")));
    }

    [Fact]
    public void Train_UnknownKind_ExitsUsageWithOneLine()
    {
        var dir = Paths.TempDir();
        var run = city.Train(Path.Combine(dir, "outlier-v1"), "--kind", "bogus");
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains("--kind", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "outlier-v1")));
    }

    [Fact]
    public void Train_MissingEventsFile_ExitsNonZeroWithOneLine()
    {
        var dir = Paths.TempDir();
        var missing = Path.Combine(dir, "no-such-events.jsonl");
        var run = CliRun.Of("train", "--reference", city.City, "--events", missing, "--out", Path.Combine(dir, "outlier-v1"), "--odds", "none", "--quiet");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains("no-such-events.jsonl", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "outlier-v1", "model.json")));
    }

    [Fact]
    public void Train_ModelOnItsTrainingData_AlertsAboutThePolicyRate()
    {
        Assert.Equal(0, city.Run.ExitCode);
        var model = ModelLocator.Load(city.ModelFile);
        Assert.Equal("outlier-v1", model.Version);
        Assert.Equal(0.005, model.TargetAlertRate);

        var outDir = Path.Combine(Paths.TempDir(), "out");
        var detect = CliRun.Of("detect", "--reference", city.City, "--events", city.Events, "--out", outDir, "--model", city.ModelsDir, "--quiet");
        Assert.Equal(0, detect.ExitCode);
        Assert.Contains("R15 model: outlier-v1", detect.Out, StringComparison.Ordinal);
        var r15 = OutlierTestFiles.ReadJsonl(Path.Combine(outDir, "alerts.jsonl")).Where(a => OutlierTestFiles.Rule(a) == "R15" && OutlierTestFiles.IsOpen(a)).ToList();
        var settlements = OutlierTestFiles.DistinctSettlements(city.Events);
        var rate = r15.Count / (double)settlements;
        Assert.InRange(rate, 0.001, 0.015);
        Assert.All(r15, a => Assert.True(a.GetProperty("score").GetDouble() > model.Threshold - 1e-4));
    }

    private static string[] WithoutTrainedAt(string path) =>
        File.ReadAllLines(path).Where(l => !l.TrimStart().StartsWith("\"trained_at\"", StringComparison.Ordinal)).ToArray();
}
