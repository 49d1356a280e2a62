using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ChronicCare.Monitor.Cli.Detection;
using ChronicCare.Monitor.Cli.Evaluation;
using ChronicCare.Monitor.Files;
using ChronicCare.Monitor.Modeling.Evaluation;
using ChronicCare.Monitor.Modeling.Features;
using ChronicCare.Monitor.Modeling.Forest;
using ChronicCare.Monitor.Modeling.Odds;
using ChronicCare.Monitor.Modeling.Pca;
using ChronicCare.Monitor.Outliers;

namespace ChronicCare.Monitor.Cli.Outliers;

/// <summary>
/// <c>chroniccare train</c>: learns the feature tables from the events, runs them through the engine to get every
/// settlement's features on its full history, fits the robust scaling and both models on 70% of the patients,
/// calibrates each threshold to the policy's target alert rate, evaluates on the other 30% (against the labels when
/// there are some), keeps the better model (or the one asked for; PCA when nothing labelled is held out), and writes the version folder: <c>model.json</c>
/// and the model card <c>README.md</c>.
/// </summary>
internal static class TrainJob
{
    public static TrainSummary Run(TrainOptions options, TextWriter progress, TimeProvider time, CancellationToken ct)
    {
        options.Validate();
        var clock = Stopwatch.StartNew();
        var policy = PolicyFile.Load(options.PolicyPath);
        var reference = ReferenceLoader.Load(options.ReferenceDir);
        var labels = LabelsOf(options);
        Say(progress, options, "learning the feature tables");
        // The tables too are learnt from the fitted patients only: the held-out ones are new to every part of the model.
        var tables = LearnTables(options.EventsFile, reference, ct, out var builder);
        if (builder.Settlements < 100)
        {
            throw new InputException($"{options.EventsFile}: {builder.Settlements} settlements; a model needs at least 100 to learn from");
        }

        Say(progress, options, $"extracting features of {builder.Settlements:N0} settlements through the engine");
        var capture = new FeatureCapture(tables);
        DetectJob.Run(new DetectOptions(options.ReferenceDir, options.EventsFile, options.OutDir, options.PolicyPath, ShowProgress: false, Model: ModelLocator.None) { Capture = capture }, progress, time, ct);

        var patientOf = builder.Patients.ToDictionary(p => p.SettlementId, p => p.PatientId, StringComparer.Ordinal);
        var rows = capture.Vectors().Where(v => patientOf.ContainsKey(v.SettlementId)).ToList();
        if (options.FeaturesCsv is { } csv)
        {
            WriteFeatures(csv, rows);
        }

        var fit = rows.Where(r => !IsHoldout(patientOf[r.SettlementId])).ToList();
        var holdout = rows.Where(r => IsHoldout(patientOf[r.SettlementId])).ToList();
        Say(progress, options, $"fitting on {fit.Count:N0} settlements, evaluating on {holdout.Count:N0} held-out ones");
        var scaler = RobustScaler.Fit(fit.Select(r => r.Features).ToList());
        var fitScaled = fit.Select(r => scaler.Transform(r.Features)).ToList();
        var holdoutScaled = holdout.Select(r => scaler.Transform(r.Features)).ToList();
        var rate = policy.Outlier.TargetAlertRate;
        var positives = ModelOnlyPositives(labels);
        var candidates = new List<Candidate>();
        foreach (var kind in options.Kind == "auto" ? ["isolation_forest", "pca"] : new[] { options.Kind })
        {
            ct.ThrowIfCancellationRequested();
            IOutlierScorer scorer = kind == "pca"
                ? PcaTrainer.Train(fitScaled, new PcaOptions())
                : IsolationForestTrainer.Train(fitScaled, new IsolationForestOptions(options.Trees, 256, options.Seed));
            var threshold = Calibration.ThresholdForRate(fitScaled.Select(v => scorer.Score(v)).ToList(), rate);
            var scores = holdoutScaled.Select(v => scorer.Score(v)).ToList();
            candidates.Add(new Candidate(kind, scorer, threshold, HoldoutEvaluation.Of(holdout.Select(h => h.SettlementId).ToList(), scores, threshold, positives)));
        }

        // The better model on the held-out labelled deviations (average precision). With none held out, PCA: on
        // settlements it sees the rare one-feature departures (a price off its reference, another product) that an
        // Isolation Forest's 256-row samples almost never contain (docs/design/outliers.md).
        var chosen = candidates.Count == 1 || candidates.Any(c => double.IsNaN(c.Evaluation.AveragePrecision))
            ? candidates.First(c => c.Kind == "pca" || candidates.Count == 1)
            : candidates.OrderByDescending(c => c.Evaluation.AveragePrecision).ThenBy(c => c.Kind, StringComparer.Ordinal).First();
        var odds = Odds(options, progress, ct);
        var model = new OutlierModel(options.Version, tables, scaler, chosen.Scorer, chosen.Threshold, rate)
        {
            TrainedAt = time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ssZ", CultureInfo.InvariantCulture),
            TrainingJson = TrainingJson(options, builder, rows.Count, fit.Count, holdout.Count, labels),
            EvaluationJson = EvaluationJson(candidates, chosen, odds),
        };
        Write(options, model, candidates, chosen, odds);
        return new TrainSummary(model, candidates, chosen.Kind, rows.Count, fit.Count, holdout.Count, labels is not null, odds, clock.Elapsed);
    }

    /// <summary>About 30% of the patients, chosen by a hash of the id (the same patients on every run).</summary>
    internal static bool IsHoldout(string patientId)
    {
        var h = 14695981039346656037UL;
        foreach (var c in patientId)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return h % 1000 < TrainOptions.HoldoutShare * 1000;
    }

    private static FeatureTables LearnTables(string eventsFile, Reference.ReferenceData reference, CancellationToken ct, out FeatureTableBuilder builder)
    {
        if (!File.Exists(eventsFile))
        {
            throw new InputException($"events file not found: {eventsFile}");
        }

        builder = new FeatureTableBuilder();
        using var stream = new FileStream(eventsFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        foreach (var block in new JsonlBlockReader(Environment.ProcessorCount).Read(stream, ct))
        {
            foreach (var line in block)
            {
                if (line.Outcome.Event is { } e)
                {
                    builder.Add(e);
                }
            }
        }

        return builder.Build(reference, patient => !IsHoldout(patient));
    }

    private static IReadOnlyList<Label>? LabelsOf(TrainOptions options)
    {
        var path = options.LabelsFile ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.EventsFile))!, "labels.jsonl");
        return options.LabelsFile is not null || File.Exists(path) ? Label.ReadAll(path) : null;
    }

    /// <summary>The settlements of model-only deviations (labels no exact rule names), by pattern.</summary>
    private static Dictionary<string, string> ModelOnlyPositives(IReadOnlyList<Label>? labels)
    {
        var positives = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var l in labels ?? [])
        {
            if (l.IsModelOnly)
            {
                foreach (var s in l.SettlementIds)
                {
                    positives[s] = l.Pattern;
                }
            }
        }

        return positives;
    }

    private static OddsBenchmarkResult? Odds(TrainOptions options, TextWriter progress, CancellationToken ct)
    {
        if (string.Equals(options.OddsDir, ModelLocator.None, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var dir = options.OddsDir ?? Path.Combine("..", "shared", "datasets", "odds");
        if (!Directory.Exists(dir))
        {
            if (options.OddsDir is not null)
            {
                throw new ArgumentException($"--odds: no such folder: {dir}");
            }

            return null;
        }

        Say(progress, options, $"benchmarking on the ODDS tables in {dir}");
        return OddsBenchmark.Run(new OddsBenchmarkOptions(dir, Trees: options.Trees), line => Say(progress, options, line), ct);
    }

    private static void Write(TrainOptions options, OutlierModel model, IReadOnlyList<Candidate> candidates, Candidate chosen, OddsBenchmarkResult? odds)
    {
        var outDir = options.OutDir;
        Directory.CreateDirectory(outDir);

        // Written beside and moved in: a running `run` polling the folder never reads half a file.
        var path = Path.Combine(outDir, ModelLocator.FileName);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, model.ToJson());
        File.Move(temp, path, overwrite: true);
        File.WriteAllText(Path.Combine(outDir, "README.md"), ModelCard.Markdown(model, candidates, chosen, odds, options));
    }

    private static string TrainingJson(TrainOptions options, FeatureTableBuilder builder, int rows, int fit, int holdout, IReadOnlyList<Label>? labels)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("events", Path.GetFileName(options.EventsFile));
            w.WriteString("reference", Path.GetFileName(Path.TrimEndingDirectorySeparator(options.ReferenceDir)));
            w.WriteNumber("settlements", rows);
            w.WriteNumber("fit_settlements", fit);
            w.WriteNumber("holdout_settlements", holdout);
            w.WriteNumber("holdout_patient_share", TrainOptions.HoldoutShare);
            w.WriteNumber("patients", builder.Patients.Select(p => p.PatientId).Distinct(StringComparer.Ordinal).Count());
            w.WriteNumber("labels", labels?.Count ?? 0);
            w.WriteNumber("seed", options.Seed);
            w.WriteNumber("trees", options.Trees);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string EvaluationJson(IReadOnlyList<Candidate> candidates, Candidate chosen, OddsBenchmarkResult? odds)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("chosen", chosen.Kind);
            w.WriteStartObject("holdout");
            foreach (var c in candidates)
            {
                w.WritePropertyName(c.Kind);
                c.Evaluation.Write(w, c.Threshold);
            }

            w.WriteEndObject();
            if (odds is not null)
            {
                w.WriteStartObject("odds");
                w.WriteNumber("mean_roc_auc_isolation_forest", Math.Round(odds.MeanIfRocAuc, 4));
                w.WriteNumber("mean_roc_auc_pca", Math.Round(odds.MeanPcaRocAuc, 4));
                w.WriteNumber("published_mean_roc_auc_isolation_forest", OddsPublished.IsolationForestMean);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Every settlement's raw features as CSV, for an analyst's own look (<c>--features-csv</c>).</summary>
    private static void WriteFeatures(string path, IReadOnlyList<(string SettlementId, double[] Features)> rows)
    {
        using var w = new StreamWriter(path);
        w.WriteLine("settlement_id," + string.Join(',', OutlierFeatures.All.Select(f => f.Name)));
        foreach (var (id, x) in rows)
        {
            w.WriteLine(id + "," + string.Join(',', x.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        }
    }

    private static void Say(TextWriter progress, TrainOptions options, string line)
    {
        if (options.ShowProgress)
        {
            progress.WriteLine($"train: {line}");
        }
    }
}
