using System.Text.Json;
using System.Text.RegularExpressions;
using ChronicCare.Monitor.Analytics.Recording;
using ChronicCare.Monitor.ClickHouse;
using ChronicCare.Monitor.ClickHouse.Analytics;
using ChronicCare.Monitor.Engine;
using ChronicCare.Monitor.Files;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Kafka;
using ChronicCare.Monitor.Kafka.Producing;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.Rules;
using ChronicCare.Monitor.Streaming.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Streaming.Tests.Integration;

/// <summary>
/// The analytics half of the scaled deployment (issue 5), as processes against librdkafka's mock cluster, a real
/// `redis-server` and a real `clickhouse-server` (18.16): `record` fills the ClickHouse store from the events topic,
/// `close-month` judges R12/R13 from it exactly as `detect` does in memory, a replay changes no total; and a reviewer's
/// `triage --kafka` reaches a running `run`, whose sanction ladder then judges later settlements (R06).
/// </summary>
[Collection(ChildProcesses.Name)]
public sealed partial class AnalyticsStreamTests(ClickHouseServer clickHouse) : IClassFixture<ClickHouseServer>
{
    private static readonly TimeSpan Minutes3 = TimeSpan.FromMinutes(3);
    private readonly string _database = ClickHouseServer.NewDatabase();
    private readonly string _dir = Directory.CreateTempSubdirectory("chroniccare-analytics-it-").FullName;

    [Fact]
    public void RecordThenCloseMonth_ClickHouse_R12AndR13EqualDetectAndAReplayChangesNoTotal()
    {
        var data = Dataset.Larger;
        using var stack = StreamStack.Published(data);
        Run(["record", "--kafka", stack.Kafka.Bootstrap, "--group", "analytics", "--exit-when-idle-ms", "3000", .. Store()]);

        var expected = DetectCostAlerts(data);
        Assert.Contains(expected, id => id.StartsWith("R13:", StringComparison.Ordinal));
        var months = expected.Select(id => id[^7..]).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var month in months)
        {
            Run(["close-month", "--month", month, "--kafka", stack.Kafka.Bootstrap, .. Store()]);
        }

        Assert.Equal(expected, OpenCostAlerts(stack));

        // Replay every event into the store (a new recorder group reads the topic from the start).
        var before = Report(months[0], "before");
        Run(["record", "--kafka", stack.Kafka.Bootstrap, "--group", "analytics-replay", "--exit-when-idle-ms", "3000", .. Store()]);
        var close = Run(["close-month", "--month", months[0], "--kafka", stack.Kafka.Bootstrap, .. Store()]);
        Assert.Contains("0 alert records raised or changed, 0 withdrawn", close.Output, StringComparison.Ordinal);
        Assert.Equal(GeneratedAt().Replace(before, ""), GeneratedAt().Replace(Report(months[0], "after"), ""));
    }

    [Fact]
    public async Task Triage_DecisionsOnTheEventsTopic_RunningProcessorAppliesTheLadder()
    {
        var data = Dataset.Load(Path.Combine(RepoPaths.Shared, "contract", "examples"), WriteIncidents());
        using var stack = StreamStack.Published(data);
        var roster = Path.Combine(RepoPaths.Root, "pipelines", "reviewers.json");
        using var processor = stack.StartProcessor(exitWhenIdleMs: null, extra: ["--clickhouse", clickHouse.Url.ToString(), "--clickhouse-database", _database, "--reviewers", roster]);
        stack.WaitForStored(3, processor, Minutes3);
        await using var store = new ClickHouseAnalyticsStore(new ClickHouseOptions { Url = clickHouse.Url, Database = _database });
        await WaitUntil(async () => await store.FindAlertAsync("R02:S2", CancellationToken.None) is not null, "R02:S2 in ClickHouse");

        // A forged decision (any producer can set the header): the processor checks the user against its roster.
        using (var forger = new EventPublisher(stack.Kafka.Bootstrap))
        {
            foreach (var alert in new[] { "R02:S1", "R02:S2" })
            {
                var forged = new ReviewDecision
                {
                    PatientId = "P0001", Verdict = ReviewVerdict.Confirm, AlertId = alert, Rule = "R02", IncidentDate = new DateOnly(2026, 3, 1),
                    DecidedBy = "mallory", DecidedAt = new Contract.Timestamp(DateTimeOffset.UtcNow),
                };
                forger.Publish("chroniccare.events", "P0001", ReviewJson.ToUtf8(forged),
                    new Confluent.Kafka.Headers { { KafkaSettings.InternalHeader, "review"u8.ToArray() } });
            }

            await forger.FlushAsync(CancellationToken.None);
        }

        await WaitUntil(() => Task.FromResult(stack.Kafka.ReadAll("chroniccare.dead-letter").Count == 2), "the forged decisions dead-lettered");
        Assert.All(stack.Kafka.ReadAll("chroniccare.dead-letter"),
            r => Assert.Contains("'mallory' is not authorised", JsonDocument.Parse(r.Message.Value).RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal));
        Assert.DoesNotContain(stack.Outcome().ActionIds, id => id.StartsWith("SELF_PAY", StringComparison.Ordinal));

        foreach (var alert in new[] { "R02:S1", "R02:S2" })
        {
            Run(["triage", "--alert", alert, "--decision", "confirm", "--by", "reviewer.demo", "--note", "核实", "--kafka", stack.Kafka.Bootstrap,
                "--reviewers", roster, .. Store()]);
        }

        await WaitUntil(() => Task.FromResult(stack.Outcome().ActionIds.Contains("SELF_PAY:P0001:20260415")), "SELF_PAY on the actions topic");
        processor.Terminate();
        Assert.Equal(0, processor.WaitForExit(TimeSpan.FromSeconds(40)));

        // S3 (after the confirmation, fund paid) is judged against the SELF_PAY.
        var r06 = stack.Outcome().OpenAlerts.Single(a => a.StartsWith("R06:S3 ", StringComparison.Ordinal));
        Assert.Contains("sanction:SELF_PAY", r06, StringComparison.Ordinal);
        var audit = await store.DecisionsAsync(CancellationToken.None);
        Assert.Equal(["R02:S1", "R02:S2"], audit.Select(d => d.AlertId));
        Assert.All(audit, d => Assert.Equal(("reviewer.demo", "核实", "P0001"), (d.DecidedBy, d.Note, d.PatientId)));
    }

    private string[] Store()
    {
        var key = Path.Combine(_dir, "pseudonym.key");
        if (!File.Exists(key))
        {
            File.WriteAllText(key, Pseudonymizer.NewKeyHex());
        }

        return ["--clickhouse", clickHouse.Url.ToString(), "--clickhouse-database", _database, "--pseudonym-key", key];
    }

    private static CliProcess Run(string[] args)
    {
        var p = CliProcess.Start(args);
        var code = p.WaitForExit(Minutes3);
        Assert.True(code == 0, $"chroniccare {args[0]} exited {code}: {CliProcess.Tail(p.Errors)}");
        return p;
    }

    private string Report(string month, string name)
    {
        var html = Path.Combine(_dir, name, $"report-{month}.html");
        Run(["report", "--month", month, "--out", html, .. Store()]);
        return File.ReadAllText(Path.ChangeExtension(html, ".json"));
    }

    /// <summary>R12/R13 as `detect` judges them: every event through one engine with the cost ledger, every month.</summary>
    private static List<string> DetectCostAlerts(Dataset data)
    {
        var reference = ReferenceLoader.Load(data.ReferenceDir);
        var costs = new CostLedger();
        var engine = new DetectionEngine(DetectionPolicy.Default, reference, TimeProvider.System) { Costs = costs };
        var parser = new EventParser();
        foreach (var (_, value) in data.Messages)
        {
            if (parser.Parse(value).Event is { } e)
            {
                engine.Apply(e);
            }
        }

        return costs.Months.SelectMany(m => CostOutlierAlerts.For(m, costs.Facilities(m, reference), costs.Patients(m), DetectionPolicy.Default, DateTimeOffset.UnixEpoch))
            .Select(a => a.AlertId).Order(StringComparer.Ordinal).ToList();
    }

    private static List<string> OpenCostAlerts(StreamStack stack)
    {
        var latest = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in stack.Kafka.ReadAll("chroniccare.alerts"))
        {
            using var doc = JsonDocument.Parse(r.Message.Value);
            latest[doc.RootElement.GetProperty("alert_id").GetString()!] = doc.RootElement.GetProperty("status").GetString()!;
        }

        return latest.Where(kv => kv.Value == "open" && (kv.Key.StartsWith("R12:", StringComparison.Ordinal) || kv.Key.StartsWith("R13:", StringComparison.Ordinal)))
            .Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>P0001 of the contract examples: R02 on 1 March and 15 April, and a settlement after any decision this test makes.</summary>
    private string WriteIncidents()
    {
        var template = File.ReadLines(Path.Combine(RepoPaths.Shared, "contract", "examples", "events.jsonl")).First();
        string Line(string id, string at, int days) => template.Replace("\"S0001\"", $"\"{id}\"", StringComparison.Ordinal)
            .Replace("2026-03-01T09:12:00+08:00", at, StringComparison.Ordinal)
            .Replace("\"days_supply\":30", $"\"days_supply\":{days}", StringComparison.Ordinal);
        var path = Path.Combine(_dir, "events.jsonl");
        var later = DateTimeOffset.UtcNow.AddDays(30).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllLines(path, [Line("S1", "2026-03-01T09:12:00+08:00", 31), Line("S2", "2026-04-15T09:12:00+08:00", 31), Line("S3", later, 30)]);
        return path;
    }

    private static async Task WaitUntil(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(200);
        }
    }

    [GeneratedRegex("\"generated_at\":\\s*\"[^\"]*\",?")]
    private static partial Regex GeneratedAt();
}
