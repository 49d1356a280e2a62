using System.Globalization;
using ChronicCare.Monitor.Cli.Tests.Support;

namespace ChronicCare.Monitor.Cli.Tests.Analytics;

/// <summary>
/// A simulated city's year through the embedded analytics path, once per test class: <c>simulate</c> (3,000 patients,
/// 12 months from 2026-01, 5% labelled deviations), <c>detect --store</c> into a SQLite store, then <c>close-month</c>
/// for every month. The test clock is 2026-11-01, so January to October are closed and November is provisional.
/// </summary>
public sealed class SimulatedYear : IDisposable
{
    public const int ClosedMonths = 10;

    public SimulatedYear()
    {
        Dir = Paths.TempDir();
        var sim = CliRun.Of("simulate", "--out", City, "--patients", "3000", "--months", "12", "--seed", "21", "--fraud-rate", "0.05", "--quiet");
        Require(sim);
        DetectRun = Detect("out");
        CloseRuns = Enumerable.Range(1, 12).Select(CloseMonth).ToList();
    }

    public string Dir { get; }

    public string City => Path.Combine(Dir, "city");

    public string Store => Path.Combine(Dir, "analytics.db");

    internal CliRun DetectRun { get; }

    internal IReadOnlyList<CliRun> CloseRuns { get; }

    public static string Month(int m) => string.Create(CultureInfo.InvariantCulture, $"2026-{m:00}");

    internal CliRun Detect(string outName) =>
        Require(CliRun.Of("detect", "--reference", City, "--events", Path.Combine(City, "events.jsonl"), "--out", Path.Combine(Dir, outName), "--store", Store, "--quiet"));

    internal CliRun CloseMonth(int m) => Require(CliRun.Of("close-month", "--month", Month(m), "--store", Store, "--reference", City));

    public void Dispose() => Directory.Delete(Dir, recursive: true);

    private static CliRun Require(CliRun run) =>
        run.ExitCode == 0 ? run : throw new InvalidOperationException($"chroniccare exited {run.ExitCode}: {run.Error}");
}
