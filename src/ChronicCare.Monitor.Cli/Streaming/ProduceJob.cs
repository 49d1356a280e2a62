using System.Diagnostics;
using System.Text;
using ChronicCare.Monitor.Cli.Terminal;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Files;
using ChronicCare.Monitor.Kafka;
using ChronicCare.Monitor.Kafka.Producing;
using ChronicCare.Monitor.Parsing;

namespace ChronicCare.Monitor.Cli.Streaming;

/// <summary>
/// `produce`: reference records to the reference topic (each with its <c>type</c>, keyed <c>type:id</c> so
/// compaction keeps the latest), then the events file's lines, byte for byte, to the events topic keyed by
/// patient_id (contract §2). A reversal names no patient: it gets its settlement's patient, found in the file. A
/// reference record among the events goes to the reference topic, where every process reads it.
/// Bad lines go too, unkeyed: the processor dead-letters them with their position.
/// </summary>
internal static class ProduceJob
{
    public sealed record Summary(long ReferenceRecords, long Events, long Unkeyed, TimeSpan Elapsed);

    public static Summary Run(string bootstrap, KafkaTopics topics, string? referenceDir, string eventsFile, int? rate, bool showProgress, TextWriter progressOut, CancellationToken ct)
    {
        if (rate is < 1)
        {
            throw new ArgumentException("--rate must be at least 1 event per second");
        }

        if (referenceDir is not null && !Directory.Exists(referenceDir))
        {
            throw new InputException($"reference folder not found: {referenceDir}");
        }

        if (!File.Exists(eventsFile))
        {
            throw new InputException($"events file not found: {eventsFile}");
        }

        var clock = Stopwatch.StartNew();
        using var publisher = new EventPublisher(bootstrap, lingerMs: 20);
        var references = referenceDir is null ? 0 : PublishReference(publisher, topics.Reference, referenceDir, ct);
        publisher.Flush(ct);

        var keys = EventKeys.FromLines(File.ReadLines(eventsFile), ct);
        long events = 0, unkeyed = 0;
        var length = new FileInfo(eventsFile).Length;
        using (var progress = new ProgressReporter(progressOut, "produce", length, showProgress))
        {
            long bytes = 0;
            var paced = Stopwatch.StartNew();
            foreach (var line in File.ReadLines(eventsFile))
            {
                ct.ThrowIfCancellationRequested();
                bytes += Encoding.UTF8.GetByteCount(line) + 1;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var value = Encoding.UTF8.GetBytes(line);
                var (reference, key) = keys.RouteOf(value);
                unkeyed += key is null ? 1 : 0;
                publisher.Publish(reference ? topics.Reference : topics.Events, key, value);
                events++;
                if (rate is { } r && events % 100 == 0)
                {
                    var ahead = TimeSpan.FromSeconds(events / (double)r) - paced.Elapsed;
                    if (ahead > TimeSpan.Zero)
                    {
                        Thread.Sleep(ahead);
                    }
                }

                if (events % 10_000 == 0)
                {
                    progress.Report(bytes, events);
                }
            }

            publisher.Flush(ct);
            progress.Report(length, events);
        }

        return new Summary(references, events, unkeyed, clock.Elapsed);
    }

    internal static long PublishReference(EventPublisher publisher, string topic, string dir, CancellationToken ct)
    {
        long n = 0;
        foreach (var (file, type) in ReferenceLoader.Files)
        {
            var path = Path.Combine(dir, file);
            if (!File.Exists(path))
            {
                throw new InputException($"reference file not found: {path}");
            }

            var lineNo = 0;
            foreach (var line in File.ReadLines(path))
            {
                ct.ThrowIfCancellationRequested();
                lineNo++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var outcome = ReferenceParser.ParseUpsert(Encoding.UTF8.GetBytes(line), type);
                if (outcome.Event is not ReferenceUpsert u)
                {
                    throw new InputException($"{path}:{lineNo}: {outcome.Error}");
                }

                var brace = line.IndexOf('{', StringComparison.Ordinal);
                var typed = $"{{\"type\":\"{type}\",{line[(brace + 1)..].TrimStart()}";
                publisher.Publish(topic, $"{type}:{u.Key}", Encoding.UTF8.GetBytes(typed));
                n++;
            }
        }

        return n;
    }
}
