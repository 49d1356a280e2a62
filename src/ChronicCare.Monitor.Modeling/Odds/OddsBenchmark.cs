using ChronicCare.Monitor.Modeling.Evaluation;
using ChronicCare.Monitor.Modeling.Forest;
using ChronicCare.Monitor.Modeling.Pca;
using ChronicCare.Monitor.Outliers;

namespace ChronicCare.Monitor.Modeling.Odds;

/// <summary>
/// Benchmarks the shipped pipeline (<see cref="RobustScaler"/> fitted on the train part, then the model) on the ODDS
/// tables by PyOD's protocol: per table, <see cref="OddsBenchmarkOptions.Splits"/> random train/test splits, each model
/// fitted on the train part without labels and scored on the test part, ROC-AUC and average precision averaged.
/// Split s draws from its own seeded stream, so a table's figures do not depend on which other tables ran.
/// </summary>
internal static class OddsBenchmark
{
    private const ulong SplitStream = 1;
    private const ulong ForestStream = 2;

    public static OddsBenchmarkResult Run(OddsBenchmarkOptions options, Action<string>? progress = null, CancellationToken ct = default)
    {
        options.Validate();
        if (!Directory.Exists(options.Folder))
        {
            throw new DirectoryNotFoundException($"ODDS folder not found: {options.Folder}");
        }

        var files = Files(options);
        var results = new List<OddsTableResult>();
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var table = OddsTable.Load(file);
            var result = RunTable(table, options, ct);
            results.Add(result);
            progress?.Invoke(FormattableString.Invariant(
                $"{table.Name}: {table.Rows.Count:N0} rows, IF {result.IfRocAuc:F3}, PCA {result.PcaRocAuc:F3} ({System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s)"));
        }

        return new OddsBenchmarkResult(options, results);
    }

    /// <summary>One table's means over the splits.</summary>
    public static OddsTableResult RunTable(OddsTable table, OddsBenchmarkOptions options, CancellationToken ct = default)
    {
        var splits = new SplitScores[options.Splits];
        for (var s = 0; s < options.Splits; s++)
        {
            ct.ThrowIfCancellationRequested();
            splits[s] = RunSplit(table, options, s);
        }

        return new OddsTableResult(
            table.Name,
            table.Rows.Count,
            table.Features,
            table.AnomalyShare,
            splits.Average(x => x.IfRocAuc),
            splits.Average(x => x.PcaRocAuc),
            splits.Average(x => x.IfAp),
            splits.Average(x => x.PcaAp));
    }

    private static SplitScores RunSplit(OddsTable table, OddsBenchmarkOptions options, int split)
    {
        var n = table.Rows.Count;
        var order = Enumerable.Range(0, n).ToArray();
        new DeterministicRng(DeterministicRng.Derive(options.Seed, SplitStream, (ulong)split)).Shuffle(order.AsSpan());
        // train_test_split rounds the test part up.
        var testCount = (int)Math.Ceiling(options.TestShare * n);
        var test = order[..testCount];
        var train = order[testCount..];
        var scaler = RobustScaler.Fit([.. train.Select(i => table.Rows[i])]);
        var trainRows = train.Select(i => scaler.Transform(table.Rows[i])).ToArray();
        var testRows = test.Select(i => scaler.Transform(table.Rows[i])).ToArray();
        var labels = test.Select(i => table.Anomaly[i]).ToArray();
        var forest = IsolationForestTrainer.Train(trainRows, new IsolationForestOptions(options.Trees, options.SampleSize, DeterministicRng.Derive(options.Seed, ForestStream, (ulong)split)));
        var pca = PcaTrainer.Train(trainRows, options.Pca);
        var ifScores = testRows.Select(r => forest.Score(r)).ToArray();
        var pcaScores = testRows.Select(r => pca.Score(r)).ToArray();
        return new SplitScores(
            Metrics.RocAuc(labels, ifScores),
            Metrics.RocAuc(labels, pcaScores),
            Metrics.AveragePrecision(labels, ifScores),
            Metrics.AveragePrecision(labels, pcaScores));
    }

    /// <summary>The tables with published figures first (in their order), then the rest by name.</summary>
    private static List<string> Files(OddsBenchmarkOptions options)
    {
        var files = Directory.GetFiles(options.Folder, "*.csv")
            .Where(f => options.Tables is null || options.Tables.Contains(Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal))
            .OrderBy(f => OddsPublished.Rank(Path.GetFileNameWithoutExtension(f)))
            .ThenBy(f => Path.GetFileName(f), StringComparer.Ordinal)
            .ToList();
        return files.Count > 0 ? files : throw new InvalidDataException($"no ODDS tables (*.csv) in {options.Folder}");
    }

    private readonly record struct SplitScores(double IfRocAuc, double PcaRocAuc, double IfAp, double PcaAp);
}
