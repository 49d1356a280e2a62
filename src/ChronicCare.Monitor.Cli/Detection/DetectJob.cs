using System.Diagnostics;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Cli.Terminal;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Engine;
using ChronicCare.Monitor.Files;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Rules;

namespace ChronicCare.Monitor.Cli.Detection;

/// <summary>
/// Batch mode (contract §7): the reference files, then every event of the file through the same engine the
/// stream processor runs, then the final state of every alert and action and the dead letters, written to the
/// out folder. The engine is flushed every <see cref="DetectOptions.FlushEvery"/> events; by the contract's
/// order independence the final state does not depend on where the flushes fall.
/// </summary>
internal static class DetectJob
{
    public static DetectSummary Run(DetectOptions options, TextWriter progressOut, TimeProvider time, CancellationToken ct = default)
    {
        options.Validate();
        var policy = PolicyFile.Load(options.PolicyPath);
        var reference = ReferenceLoader.Load(options.ReferenceDir);
        if (!File.Exists(options.EventsFile))
        {
            throw new InputException($"events file not found: {options.EventsFile}");
        }

        if (Writes(options))
        {
            Directory.CreateDirectory(options.OutDir);
        }

        var clock = Stopwatch.StartNew();
        var costs = new CostLedger();
        // Training captures features with R15 off (there is no model yet to score with).
        var (model, _) = options.Capture is null ? Outliers.ModelLocator.Open(options.Model, progressOut, "detect") : (null, null);
        Outliers.ModelLocator.WarnIfRateDiffers(model, policy, progressOut, "detect");
        var engine = new DetectionEngine(policy, reference, time)
        {
            MaxDegreeOfParallelism = options.EffectiveParallelism,
            Costs = costs,
            Outliers = model,
            Capture = options.Capture,
        };
        var recording = options.Store is { } store ? DetectRecording.Open(store, reference, ct) : null;
        try
        {
            var (counts, alertList, actionList) = Process(options, engine, recording, progressOut, ct);

            // R12/R13 (contract §3): judged once every event is in, for every month the events cover.
            foreach (var month in costs.Months)
            {
                alertList.AddRange(CostOutlierAlerts.For(month, costs.Facilities(month, reference), costs.Patients(month), policy, time.GetUtcNow()));
            }

            alertList.Sort((a, b) => string.CompareOrdinal(a.AlertId, b.AlertId));
            using (var w = Output(options, "alerts.jsonl"))
            {
                alertList.ForEach(w.Write);
            }

            using (var w = Output(options, "actions.jsonl"))
            {
                actionList.ForEach(w.Write);
            }

            recording?.Finish(alertList, actionList, costs.Months);
            return new DetectSummary(counts.Lines, counts.Processed, counts.Dead, engine.Stats.Duplicates, clock.Elapsed, alertList, actionList, engine.Stats.Patients,
                engine.Stats.Settlements)
            {
                Model = model?.Current?.Version,
            };
        }
        finally
        {
            recording?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The reviews, then every event of the file through the engine; the final alerts and actions (R12/R13 aside).</summary>
    private static ((long Lines, long Processed, long Dead) Counts, List<Alert> Alerts, List<IntegrityAction> Actions) Process(
        DetectOptions options, DetectionEngine engine, DetectRecording? recording, TextWriter progressOut, CancellationToken ct)
    {
        var alerts = new Dictionary<string, Alert>(StringComparer.Ordinal);
        var actions = new Dictionary<string, IntegrityAction>(StringComparer.Ordinal);
        var source = Path.GetFileName(options.EventsFile);
        long lines = 0, processed = 0, dead = 0, sinceFlush = 0;
        using var deadLetters = Output(options, "dead-letter.jsonl");
        if (options.ReviewsFile is { } reviewsFile)
        {
            var (applied, bad) = ApplyReviews(engine, reviewsFile, deadLetters);
            processed += applied;
            dead += bad;
        }

        foreach (var review in recording?.Reviews() ?? [])
        {
            engine.Apply(review);
        }

        using (var stream = new FileStream(options.EventsFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        using (var progress = new ProgressReporter(progressOut, "detect", stream.Length, options.ShowProgress && stream.Length > (8 << 20)))
        {
            var reader = new JsonlBlockReader(options.EffectiveParallelism);
            foreach (var block in reader.Read(stream, ct))
            {
                foreach (var line in block)
                {
                    lines++;
                    if (line.Outcome.Event is { } e)
                    {
                        engine.Apply(e);
                        recording?.Record(e);
                        processed++;
                        sinceFlush++;
                    }
                    else
                    {
                        dead++;
                        deadLetters.Write(new DeadLetter(source, line.LineNo, null, line.Outcome.Error!, line.Original));
                    }
                }

                if (sinceFlush >= options.FlushEvery)
                {
                    Merge(engine.Flush(), alerts, actions);
                    sinceFlush = 0;
                }

                progress.Report(reader.BytesRead, lines);
            }

            Merge(engine.Flush(), alerts, actions);
        }

        return ((lines, processed, dead), alerts.Values.ToList(), actions.Values.OrderBy(a => a.ActionId, StringComparer.Ordinal).ToList());
    }

    /// <summary>Triage decisions (<c>--reviews</c>): applied like events; a bad line is a dead letter like a bad event.</summary>
    private static (long Applied, long Dead) ApplyReviews(DetectionEngine engine, string path, JsonlWriter deadLetters)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"reviews file not found: {path}");
        }

        long lines = 0, processed = 0, dead = 0;
        var source = Path.GetFileName(path);
        foreach (var line in File.ReadLines(path))
        {
            lines++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var bytes = System.Text.Encoding.UTF8.GetBytes(line);
            var outcome = ReviewJson.Parse(bytes);
            if (outcome.Event is { } review)
            {
                engine.Apply(review);
                processed++;
            }
            else
            {
                dead++;
                deadLetters.Write(new DeadLetter(source, lines, null, outcome.Error!, bytes));
            }
        }

        return (processed, dead);
    }

    /// <summary>A training run (features captured) writes no outputs: nobody reads them, and they would hold patient ids.</summary>
    private static bool Writes(DetectOptions options) => options.Capture is null;

    private static JsonlWriter Output(DetectOptions options, string name) =>
        Writes(options) ? new JsonlWriter(Path.Combine(options.OutDir, name)) : JsonlWriter.Discarding();

    private static void Merge(EngineChanges changes, Dictionary<string, Alert> alerts, Dictionary<string, IntegrityAction> actions)
    {
        foreach (var a in changes.Alerts)
        {
            alerts[a.AlertId] = a;
        }

        foreach (var a in changes.Actions)
        {
            actions[a.ActionId] = a;
        }
    }
}
