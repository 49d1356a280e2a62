using System.Globalization;
using ChronicCare.Monitor.Cli.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Cli.Tests.Outliers;

/// <summary><c>chroniccare outlier-bench</c>: the ODDS table and the simulated city's section, and its refusal of a missing folder.</summary>
public sealed class OutlierBenchCommandTests
{
    private static readonly string OddsSource = Path.Combine(Paths.Repo, "..", "shared", "datasets", "odds", "wbc.csv");

    [Fact]
    public void OutlierBench_OneOddsTableAndSmallCity_PrintsAndWritesBothSections()
    {
        var dir = Paths.TempDir();
        var odds = Path.Combine(dir, "odds");
        Directory.CreateDirectory(odds);
        File.Copy(OddsSource, Path.Combine(odds, "wbc.csv"));
        var md = Path.Combine(dir, "bench.md");

        var run = CliRun.Of("outlier-bench", "--odds", odds, "--splits", "2", "--simulate-patients", "1500", "--model", OutlierTestFiles.ModelsDir, "--out", md);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("IF ROC-AUC (ours)", run.Out, StringComparison.Ordinal);
        var row = Assert.Single(run.Out.Split('\n'), l => l.StartsWith("wbc ", StringComparison.Ordinal));
        var cells = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("378", cells[1]);
        // Isolation Forest on wbc: PyOD publishes 0.93; a broken trainer or scorer lands near 0.5.
        Assert.InRange(double.Parse(cells[3], CultureInfo.InvariantCulture), 0.85, 1.0);
        Assert.Contains("Model outlier-v1", run.Out, StringComparison.Ordinal);
        Assert.Contains("1,500 patients", run.Out, StringComparison.Ordinal);
        Assert.Contains("settlements/s", run.Out, StringComparison.Ordinal);

        var text = File.ReadAllText(md);
        Assert.StartsWith("## ODDS tables", text, StringComparison.Ordinal);
        Assert.Contains("| wbc | 378 |", text, StringComparison.Ordinal);
        Assert.Contains("## Simulated city", text, StringComparison.Ordinal);
        Assert.Contains("settlements/s", text, StringComparison.Ordinal);
        Assert.Contains("| **all model-only** |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void OutlierBench_NonexistentOddsFolder_ExitsNonZeroWithOneLine()
    {
        var run = CliRun.Of("outlier-bench", "--odds", "/nonexistent/odds", "--splits", "2", "--simulate-patients", "1500");
        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains("/nonexistent/odds", line, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }
}
