using System.Diagnostics;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Cli.Terminal;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Engine;
using ChronicCare.Monitor.Files;
using ChronicCare.Monitor.Integrity;

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

        Directory.CreateDirectory(options.OutDir);
        var clock = Stopwatch.StartNew();
        var engine = new DetectionEngine(policy, reference, time) { MaxDegreeOfParallelism = options.EffectiveParallelism };
        var alerts = new Dictionary<string, Alert>(StringComparer.Ordinal);
        var actions = new Dictionary<string, IntegrityAction>(StringComparer.Ordinal);
        var source = Path.GetFileName(options.EventsFile);
        long lines = 0, processed = 0, dead = 0, sinceFlush = 0;
        using (var deadLetters = new JsonlWriter(Path.Combine(options.OutDir, "dead-letter.jsonl")))
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

        var alertList = alerts.Values.OrderBy(a => a.AlertId, StringComparer.Ordinal).ToList();
        var actionList = actions.Values.OrderBy(a => a.ActionId, StringComparer.Ordinal).ToList();
        using (var w = new JsonlWriter(Path.Combine(options.OutDir, "alerts.jsonl")))
        {
            alertList.ForEach(w.Write);
        }

        using (var w = new JsonlWriter(Path.Combine(options.OutDir, "actions.jsonl")))
        {
            actionList.ForEach(w.Write);
        }

        return new DetectSummary(lines, processed, dead, engine.Stats.Duplicates, clock.Elapsed, alertList, actionList, engine.Stats.Patients, engine.Stats.Settlements);
    }

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
