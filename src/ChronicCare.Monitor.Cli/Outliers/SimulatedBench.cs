using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Cli.Detection;
using ChronicCare.Monitor.Cli.Evaluation;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Files;
using ChronicCare.Monitor.Outliers;
using ChronicCare.Monitor.Simulation;

namespace ChronicCare.Monitor.Cli.Outliers;

/// <summary>
/// <c>outlier-bench</c>'s simulator section: a city the model never saw (its own seed) through <c>detect</c> with the
/// model in use, R15's recall per model-only pattern at the calibrated threshold, its alert rate, and the scoring
/// speed on one core with the features extracted.
/// </summary>
internal sealed record SimulatedBench(
    string Model,
    double Threshold,
    double TargetRate,
    int Patients,
    int Seed,
    long Settlements,
    long R15Alerts,
    IReadOnlyList<(string Pattern, int Caught, int Total)> Recall,
    long Scored,
    TimeSpan ScoringTime,
    TimeSpan DetectTime,
    TimeSpan DetectWithoutModelTime)
{
    /// <summary>The patterns the evaluation asks about first (the aim): price inflation and substitution.</summary>
    public static readonly string[] Priced = ["unit_price_inflation", "drug_substitution"];

    public double AlertRate => Settlements == 0 ? 0 : R15Alerts / (double)Settlements;

    public double PricedRecall => Ratio(Recall.Where(r => Priced.Contains(r.Pattern)));

    public double ModelOnlyRecall => Ratio(Recall);

    public double ScoredPerSecond => Scored / Math.Max(ScoringTime.TotalSeconds, 1e-9);

    public static SimulatedBench Run(string? modelOption, int patients, int seed, double fraudRate, TextWriter progress, CancellationToken ct)
    {
        var path = ModelLocator.Resolve(modelOption) ?? throw new ArgumentException("outlier-bench: no outlier model to bench (train one with `chroniccare train`, or pass --model)");
        var model = ModelLocator.Load(path);
        var dir = Directory.CreateTempSubdirectory("chroniccare-outlier-bench-");
        try
        {
            progress.WriteLine($"outlier-bench: simulating {patients:N0} patients (seed {seed}) the model never saw");
            var options = new SimulationOptions(dir.FullName, patients, 12, seed, fraudRate);
            options.Validate();
            Simulator.Run(options, null, ct);
            var events = Path.Combine(dir.FullName, "events.jsonl");
            progress.WriteLine($"outlier-bench: detect once to warm up, then without a model and with {model.Version}");
            DetectJob.Run(new DetectOptions(dir.FullName, events, Path.Combine(dir.FullName, "warm"), ShowProgress: false, Model: path), TextWriter.Null, TimeProvider.System, ct);
            var clock = Stopwatch.StartNew();
            DetectJob.Run(new DetectOptions(dir.FullName, events, Path.Combine(dir.FullName, "plain"), ShowProgress: false, Model: ModelLocator.None), TextWriter.Null, TimeProvider.System, ct);
            var plainTime = clock.Elapsed;
            clock.Restart();
            var summary = DetectJob.Run(new DetectOptions(dir.FullName, events, Path.Combine(dir.FullName, "out"), ShowProgress: false, Model: path), TextWriter.Null, TimeProvider.System, ct);
            var detectTime = clock.Elapsed;
            var r15 = summary.Alerts.Where(a => a.Rule == "R15" && a.Status == AlertStatus.Open).Select(a => a.SettlementId!).ToHashSet(StringComparer.Ordinal);
            var recall = Label.ReadAll(Path.Combine(dir.FullName, "labels.jsonl"))
                .Where(l => l.IsModelOnly)
                .GroupBy(l => l.Pattern, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, g.SelectMany(l => l.SettlementIds).Count(r15.Contains), g.SelectMany(l => l.SettlementIds).Count()))
                .ToList();

            progress.WriteLine("outlier-bench: scoring speed on one core");
            var settlements = ReadSettlements(events, ct);
            var reference = ReferenceLoader.Load(dir.FullName);
            ScoringThroughput.Measure(settlements.Take(20_000).ToList(), reference, model, 1);
            var (scored, elapsed, _) = ScoringThroughput.Measure(settlements, reference, model, 3);
            return new SimulatedBench(model.Version, model.Threshold, model.TargetAlertRate, patients, seed, summary.Settlements, r15.Count, recall, scored, elapsed, detectTime, plainTime);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    public string Markdown()
    {
        var ic = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.Append(ic, $"Model {Model} (threshold {Threshold:0.####}, calibrated to {TargetRate:P2}) on a simulated city it never saw: {Patients:N0} patients, 12 months, seed {Seed}, {Settlements:N0} settlements.\n\n");
        b.Append("| pattern (no exact rule names it) | labelled settlements | R15 alerted | recall |\n|---|--:|--:|--:|\n");
        foreach (var (pattern, caught, total) in Recall)
        {
            b.Append(ic, $"| {pattern} | {total:N0} | {caught:N0} | {Pct(caught, total)} |\n");
        }

        b.Append(ic, $"| **price inflation + substitution** | | | **{PricedRecall:P1}** |\n| **all model-only** | | | **{ModelOnlyRecall:P1}** |\n\n");
        b.Append(ic, $"R15 alerts: {R15Alerts:N0} = {AlertRate:P2} of the settlements (the simulator injects deviations at its fraud rate, so a little above the calibrated rate).\n\n");
        b.Append(ic, $"Scoring speed, one core, features extracted: {ScoredPerSecond:N0} settlements/s ({Scored:N0} in {ScoringTime.TotalSeconds:F2} s). `detect` on all cores: {DetectTime.TotalSeconds:F2} s with the model, {DetectWithoutModelTime.TotalSeconds:F2} s without (ratio {DetectTime.TotalSeconds / Math.Max(DetectWithoutModelTime.TotalSeconds, 1e-9):F2}).\n");
        return b.ToString();
    }

    private static List<Settlement> ReadSettlements(string events, CancellationToken ct)
    {
        var list = new List<Settlement>();
        using var stream = File.OpenRead(events);
        foreach (var block in new JsonlBlockReader(Environment.ProcessorCount).Read(stream, ct))
        {
            list.AddRange(block.Select(l => l.Outcome.Event).OfType<Settlement>());
        }

        return list;
    }

    private static double Ratio(IEnumerable<(string Pattern, int Caught, int Total)> rows)
    {
        var list = rows.ToList();
        var total = list.Sum(r => r.Total);
        return total == 0 ? double.NaN : list.Sum(r => r.Caught) / (double)total;
    }

    private static string Pct(int caught, int total) => total == 0 ? "n/a" : (caught / (double)total).ToString("P1", CultureInfo.InvariantCulture);
}
