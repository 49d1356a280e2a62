using System.Globalization;
using System.Text.Json;
using ChronicCare.Monitor.ClickHouse;
using ChronicCare.Monitor.Streaming.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Streaming.Tests.ClickHouse;

/// <summary>
/// `chroniccare run --clickhouse URL` as a real process: mock Kafka and redis-server as in the other integration
/// tests, and a real clickhouse-server (Debian's 18.16) from `scripts/stack.sh`.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClickHouseRunTests(ClickHouseServer server) : IClassFixture<ClickHouseServer>
{
    private static readonly TimeSpan Minutes2 = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Run_ContractExamplesTwiceInTwoGroups_TablesHoldTheTopicsLatestRecordOncePerId()
    {
        var data = Dataset.ContractExamples;
        using var stack = StreamStack.Published(data);
        var db = ClickHouseServer.NewDatabase();

        // The second group processes every event again from scratch: each alert and action is written a second
        // time, later, so the tables see a full replay.
        foreach (var group in new[] { "ch-first", "ch-replay" })
        {
            using var run = stack.StartProcessor(maxBatch: 20_000, exitWhenIdleMs: 3000, group, "--clickhouse", server.Url.ToString(), "--clickhouse-database", db);
            Assert.True(run.WaitForExit(Minutes2) == 0, CliProcess.Tail(run.Errors));
            Assert.Contains($"clickhouse: tables {db}.alerts and {db}.actions ready", run.Errors, StringComparison.Ordinal);
        }

        using var http = server.Connect();
        var alerts = await ClickHouseRecords.FinalRows(http, db, ClickHouseSchema.Alerts);
        var topicAlerts = LatestById(stack.Kafka.ReadAll("chroniccare.alerts").Select(r => r.Message.Value), "alert_id");
        Assert.NotEmpty(alerts);
        Assert.Equal(topicAlerts.Keys.Order(StringComparer.Ordinal), alerts.Select(r => r.Text("alert_id")));
        foreach (var row in alerts)
        {
            var record = topicAlerts[row.Text("alert_id")];
            Assert.Equal(record.GetProperty("status").GetString(), row.Text("status"));
            Assert.Equal(record.GetProperty("evidence").GetRawText(), row.Text("evidence"));
            Assert.Equal(record.GetProperty("message_zh").GetString(), row.Text("message_zh"));
            Assert.Equal(Utc(record.GetProperty("event_time").GetString()!), row.Text("event_time"));
        }

        Assert.Equal(BatchDetect.Run(data).OpenAlerts.Count, alerts.Count(r => r.Text("status") == "open"));

        var actions = await ClickHouseRecords.FinalRows(http, db, ClickHouseSchema.Actions);
        var topicActions = LatestById(stack.Kafka.ReadAll("chroniccare.actions").Select(r => r.Message.Value), "action_id");
        Assert.NotEmpty(actions);
        Assert.Equal(topicActions.Keys.Order(StringComparer.Ordinal), actions.Select(r => r.Text("action_id")));
        foreach (var row in actions)
        {
            var record = topicActions[row.Text("action_id")];
            Assert.Equal(record.GetProperty("action").GetString(), row.Text("action"));
            Assert.Equal(Utc(record.GetProperty("effective_from").GetString()!), row.Text("effective_from"));
            Assert.Equal(
                record.GetProperty("alert_ids").EnumerateArray().Select(e => e.GetString()),
                row.GetProperty("alert_ids").EnumerateArray().Select(e => e.GetString()));
        }
    }

    [Fact]
    public void Run_ClickHouseUnreachableAtStart_ExitsWithOneLine()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";

        using var run = CliProcess.Start("run", "--kafka", "127.0.0.1:1", "--redis", "127.0.0.1:1", "--group", "g", "--clickhouse", url);

        Assert.Equal(1, run.WaitForExit(Minutes2));
        var line = Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"chroniccare: ClickHouse at {url} cannot be reached", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ClickHouseStoppedInMidStream_PausesWithBoundedMemoryAndTheTablesEndComplete()
    {
        var data = Dataset.Larger;
        using var stack = StreamStack.WithReference(data);
        var db = ClickHouseServer.NewDatabase();

        using var run = stack.StartProcessor(maxBatch: 100, exitWhenIdleMs: 8000, StreamStack.Group, "--clickhouse", server.Url.ToString(), "--clickhouse-database", db);
        run.WaitForLog("assigned", TimeSpan.FromMinutes(1));

        // Events keep arriving (about 20 s of them) while ClickHouse stops (it takes seconds) and stays down.
        using var produce = stack.ProduceEvents(rate: 500);
        stack.WaitForStored(data.Messages.Count / 5, run, TimeSpan.FromMinutes(3));

        var before = run.ResidentMiB;
        server.Stop();
        var peak = before;
        for (var s = 0; s < 10; s++)
        {
            Thread.Sleep(1000);
            peak = Math.Max(peak, run.ResidentMiB);
        }

        server.Restart();

        Assert.Equal(0, produce.WaitForExit(TimeSpan.FromMinutes(3)));
        Assert.True(run.WaitForExit(TimeSpan.FromMinutes(3)) == 0, CliProcess.Tail(run.Errors));
        Assert.Contains("paused", run.Errors, StringComparison.Ordinal);
        Assert.Contains("resumed", run.Errors, StringComparison.Ordinal);
        Assert.True(peak - before < 64, $"resident memory grew by {peak - before:F0} MiB while ClickHouse was down");
        var expected = BatchDetect.Run(data);
        stack.Outcome().ShouldEqual(expected);
        using var http = server.Connect();
        var alerts = await ClickHouseRecords.FinalRows(http, db, ClickHouseSchema.Alerts);
        var topicAlerts = LatestById(stack.Kafka.ReadAll("chroniccare.alerts").Select(r => r.Message.Value), "alert_id");
        Assert.Equal(topicAlerts.Keys.Order(StringComparer.Ordinal), alerts.Select(r => r.Text("alert_id")));
        Assert.Equal(expected.OpenAlerts.Count, alerts.Count(r => r.Text("status") == "open"));
    }

    /// <summary>The last record per id, as a compacted topic keeps it.</summary>
    private static Dictionary<string, JsonElement> LatestById(IEnumerable<byte[]> values, string idField)
    {
        var latest = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var v in values)
        {
            var record = JsonDocument.Parse(v).RootElement.Clone();
            latest[record.GetProperty(idField).GetString()!] = record;
        }

        return latest;
    }

    /// <summary>A contract timestamp as a <c>DateTime('UTC')</c> column shows it.</summary>
    private static string Utc(string timestamp) =>
        DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
