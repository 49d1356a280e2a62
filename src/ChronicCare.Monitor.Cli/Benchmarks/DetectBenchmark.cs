using System.Diagnostics;
using System.Text.Json;
using ChronicCare.Monitor.Cli.Detection;
using ChronicCare.Monitor.Engine;
using ChronicCare.Monitor.Files;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Policy;

namespace ChronicCare.Monitor.Cli.Benchmarks;

/// <summary>
/// Throughput of <c>detect</c> against a bare System.Text.Json pass over the same file, and the engine's state
/// memory per patient. Prints figures and ratios; asserts nothing (timings belong in notes, not tests).
/// </summary>
internal static class DetectBenchmark
{
    public static void Run(string referenceDir, string eventsFile, string? policyPath, TextWriter o, TextWriter err)
    {
        var size = new FileInfo(eventsFile).Length;
        o.WriteLine($"file: {eventsFile} ({size / 1048576.0:F0} MiB), {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        // Warm up the page cache and the JIT on a first pass of each.
        var lines = BareParse(eventsFile, out _);
        var bare = Measure(() => BareParse(eventsFile, out _));
        var dto = Measure(() => DtoParse(eventsFile));
        var ours = Measure(() => OwnParse(eventsFile));
        var out1 = Path.Combine(Path.GetTempPath(), $"chroniccare-bench-{Environment.ProcessId}");
        try
        {
            var detect1 = Measure(() => DetectJob.Run(new DetectOptions(referenceDir, eventsFile, out1, policyPath, 1, ShowProgress: false), err, TimeProvider.System));
            var detectN = Measure(() => DetectJob.Run(new DetectOptions(referenceDir, eventsFile, out1, policyPath, 0, ShowProgress: false), err, TimeProvider.System));
            o.WriteLine($"lines: {lines:N0}");
            Row(o, "bare parse (JsonDocument, 1 core)", lines, bare, bare);
            Row(o, "bare deserialise to DTOs (1 core)", lines, dto, bare);
            Row(o, "contract parser only (1 core)", lines, ours, bare);
            Row(o, "detect, 1 core", lines, detect1, bare);
            Row(o, $"detect, {Environment.ProcessorCount} cores", lines, detectN, bare);
            o.WriteLine($"ratio detect(1 core) / bare parse: {bare.TotalSeconds / detect1.TotalSeconds:F2} (aim >= 0.5)");
            o.WriteLine($"ratio detect({Environment.ProcessorCount} cores) / bare parse: {bare.TotalSeconds / detectN.TotalSeconds:F2} (aim > 1.0)");
            o.WriteLine($"ratio detect(1 core) / bare deserialise: {dto.TotalSeconds / detect1.TotalSeconds:F2}; detect({Environment.ProcessorCount} cores) / bare deserialise: {dto.TotalSeconds / detectN.TotalSeconds:F2}");
        }
        finally
        {
            if (Directory.Exists(out1))
            {
                Directory.Delete(out1, recursive: true);
            }
        }

        StateMemory(referenceDir, eventsFile, policyPath, o);
    }

    private static void Row(TextWriter o, string label, long lines, TimeSpan t, TimeSpan bare) =>
        o.WriteLine($"  {label,-36} {t.TotalSeconds,7:F2} s {lines / t.TotalSeconds,12:N0} events/s  x{bare.TotalSeconds / t.TotalSeconds:F2} of bare");

    /// <summary>Best of two runs.</summary>
    private static TimeSpan Measure(Action run)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 2; i++)
        {
            var sw = Stopwatch.StartNew();
            run();
            best = sw.Elapsed < best ? sw.Elapsed : best;
        }

        return best;
    }

    private static long BareParse(string file, out long tokens)
    {
        long lines = 0;
        tokens = 0;
        foreach (var line in Lines(file))
        {
            using var doc = JsonDocument.Parse(line);
            tokens += doc.RootElement.GetPropertyCount();
            lines++;
        }

        return lines;
    }

    private static long DtoParse(string file)
    {
        long ok = 0;
        foreach (var line in Lines(file))
        {
            if (JsonSerializer.Deserialize<BareEventDto>(line.Span, BareEventDto.Options) is not null)
            {
                ok++;
            }
        }

        return ok;
    }

    private static long OwnParse(string file)
    {
        var parser = new EventParser();
        long ok = 0;
        foreach (var line in Lines(file))
        {
            if (!parser.Parse(line.Span).IsBad)
            {
                ok++;
            }
        }

        return ok;
    }

    /// <summary>Lines of the file as memory slices of large blocks (the same reading every pass pays for).</summary>
    private static IEnumerable<ReadOnlyMemory<byte>> Lines(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        foreach (var line in JsonlLines.Read(stream))
        {
            yield return line.Bytes;
        }
    }

    private static void StateMemory(string referenceDir, string eventsFile, string? policyPath, TextWriter o)
    {
        var policy = PolicyFile.Load(policyPath);
        var reference = ReferenceLoader.Load(referenceDir);
        var before = Heap();
        var engine = new DetectionEngine(policy with { AllowedLatenessDays = 3660 }, reference, TimeProvider.System);
        var parser = new EventParser();
        foreach (var line in Lines(eventsFile))
        {
            if (parser.Parse(line.Span).Event is { } e)
            {
                engine.Apply(e);
            }
        }

        engine.Flush();
        var after = Heap();
        var bytes = after - before;
        o.WriteLine($"state memory (all history kept, no pruning): {bytes / 1048576.0:F0} MiB for {engine.Stats.Patients:N0} patients and {engine.Stats.Settlements:N0} settlements: "
            + $"{bytes / Math.Max(1, engine.Stats.Patients):N0} bytes/patient, {bytes / Math.Max(1, engine.Stats.Settlements):N0} bytes/settlement");
        GC.KeepAlive(engine);
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
