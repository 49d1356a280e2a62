using System.Diagnostics;
using ChronicCare.Monitor.Analytics.MonthClose;
using ChronicCare.Monitor.Analytics.Recording;
using ChronicCare.Monitor.Analytics.Report;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.ClickHouse;
using ChronicCare.Monitor.ClickHouse.Analytics;
using ChronicCare.Monitor.Cli.Analytics;
using ChronicCare.Monitor.Cli.Detection;
using ChronicCare.Monitor.Files;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Rules;
using ChronicCare.Monitor.Sqlite;

namespace ChronicCare.Monitor.Cli.Benchmarks;

/// <summary>
/// <c>bench analytics</c>: what the analytics store costs. <c>detect</c> with and without <c>--store</c>; the store's
/// bulk write in rows/s (SQLite, and ClickHouse when given), a replay of the same rows (keyed writes, so the totals
/// stay), a month close and a report per store. Prints figures and ratios; asserts nothing.
/// </summary>
internal static class AnalyticsBenchmark
{
    private const int BatchRows = 50_000;

    public static async Task RunAsync(string referenceDir, string eventsFile, ClickHouseOptions? clickHouse, TextWriter o, TextWriter err, CancellationToken ct)
    {
        var policy = PolicyFile.Load(null);
        var dir = Directory.CreateTempSubdirectory("chroniccare-bench-analytics-").FullName;
        try
        {
            o.WriteLine($"file: {eventsFile} ({new FileInfo(eventsFile).Length / 1048576.0:F0} MiB), {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            DetectJob.Run(new DetectOptions(referenceDir, eventsFile, Path.Combine(dir, "warm"), ShowProgress: false), err, TimeProvider.System, ct);
            var plain = Time(() => DetectJob.Run(new DetectOptions(referenceDir, eventsFile, Path.Combine(dir, "plain"), ShowProgress: false), err, TimeProvider.System, ct));
            var withStore = Time(() => DetectJob.Run(new DetectOptions(referenceDir, eventsFile, Path.Combine(dir, "stored"), ShowProgress: false,
                Store: new StoreChoice(Path.Combine(dir, "detect.db"), null, null)), err, TimeProvider.System, ct));
            o.WriteLine($"detect                  {plain.TotalSeconds,8:F2} s");
            o.WriteLine($"detect --store (SQLite) {withStore.TotalSeconds,8:F2} s   ratio {withStore / plain:F2}x");

            var (batches, rows, months) = Batches(referenceDir, eventsFile);
            o.WriteLine($"rows: {rows:N0} in {batches.Count} batches of up to {BatchRows:N0} (settlements, lines, reversals, stays, reference)");

            var sqliteRate = 0.0;
            await using (var sqlite = await SqliteAnalyticsStore.OpenAsync(Path.Combine(dir, "bulk.db"), ct).ConfigureAwait(false))
            {
                sqliteRate = await MeasureStoreAsync("SQLite", sqlite, batches, rows, months, policy, o, ct).ConfigureAwait(false);
            }

            if (clickHouse is not null)
            {
                var database = $"bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
                await using var ch = new ClickHouseAnalyticsStore(clickHouse with { Database = database, Timeout = TimeSpan.FromMinutes(2) });
                var chRate = await MeasureStoreAsync($"ClickHouse ({database})", ch, batches, rows, months, policy, o, ct).ConfigureAwait(false);
                o.WriteLine($"ratio ClickHouse / SQLite bulk write: {chRate / sqliteRate:F2}");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<double> MeasureStoreAsync(string name, IAnalyticsStore store, List<AnalyticsBatch> batches, long rows, List<string> months,
        Policy.DetectionPolicy policy, TextWriter o, CancellationToken ct)
    {
        await store.MigrateAsync(ct).ConfigureAwait(false);
        var write = await TimeAsync(() => WriteAll(store, batches, ct)).ConfigureAwait(false);
        var replay = await TimeAsync(() => WriteAll(store, batches, ct)).ConfigureAwait(false);
        var closer = new MonthCloser(store, policy, TimeProvider.System);
        var close = await TimeAsync(async () =>
        {
            foreach (var m in months)
            {
                await closer.CloseAsync(m, new Dictionary<string, string>(), provisional: false, ct).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        var middle = months[months.Count / 2];
        var report = await TimeAsync(() => ReportBuilder.BuildAsync(store, middle, null, policy.CostOutliers, DateTimeOffset.UtcNow, ct)).ConfigureAwait(false);
        var rate = rows / write.TotalSeconds;
        o.WriteLine($"{name}:");
        o.WriteLine($"  bulk write             {write.TotalSeconds,8:F2} s   {rate,12:N0} rows/s");
        o.WriteLine($"  replay (same rows)     {replay.TotalSeconds,8:F2} s   {rows / replay.TotalSeconds,12:N0} rows/s");
        o.WriteLine($"  month close            {close.TotalSeconds / months.Count,8:F2} s a month ({months.Count} months: refresh rollups, judge R12/R13, diff)");
        o.WriteLine($"  report build ({middle})  {report.TotalSeconds,8:F2} s");
        return rate;
    }

    /// <summary>The rows `detect --store` writes, in its batch size, built once so only the store is timed.</summary>
    private static (List<AnalyticsBatch> Batches, long Rows, List<string> Months) Batches(string referenceDir, string eventsFile)
    {
        var reference = ReferenceLoader.Load(referenceDir);
        var recorder = new AnalyticsRecorder(new Pseudonymizer(new byte[32]), reference);
        var batches = new List<AnalyticsBatch>();
        var months = new SortedSet<string>(StringComparer.Ordinal);
        long rows = 0;
        void Cut()
        {
            var b = new AnalyticsBatch();
            var r = recorder.Batch;
            b.Settlements.AddRange(r.Settlements);
            b.Lines.AddRange(r.Lines);
            b.Reversals.AddRange(r.Reversals);
            b.Stays.AddRange(r.Stays);
            b.Enrolments.AddRange(r.Enrolments);
            b.EnrolmentSets.UnionWith(r.EnrolmentSets);
            b.Diseases.AddRange(r.Diseases);
            b.Facilities.AddRange(r.Facilities);
            rows += r.Count;
            batches.Add(b);
            r.Clear();
        }

        recorder.RecordReference(reference);
        Cut();
        var parser = new EventParser();
        foreach (var line in File.ReadLines(eventsFile))
        {
            if (parser.Parse(System.Text.Encoding.UTF8.GetBytes(line)).Event is { } e)
            {
                recorder.Record(e);
                if (e is Contract.Settlement s)
                {
                    months.Add(CostLedger.MonthOf(s.ServiceDate));
                }
            }

            if (recorder.Batch.Count >= BatchRows)
            {
                Cut();
            }
        }

        Cut();
        return (batches, rows, months.ToList());
    }

    private static async Task WriteAll(IAnalyticsStore store, List<AnalyticsBatch> batches, CancellationToken ct)
    {
        foreach (var b in batches)
        {
            await store.WriteAsync(b, ct).ConfigureAwait(false);
        }
    }

    private static TimeSpan Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed;
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action().ConfigureAwait(false);
        return clock.Elapsed;
    }
}
