using System.Text.Json;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.ClickHouse;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Streaming.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Streaming.Tests.ClickHouse;

/// <summary>
/// <see cref="ClickHouseOutput"/> against a real clickhouse-server (Debian's 18.16): writes are idempotent (a replay
/// repeats rows that <c>FINAL</c> collapses), the latest record of an id wins, and a failed flush loses nothing.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClickHouseOutputTests(ClickHouseServer server) : IClassFixture<ClickHouseServer>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task FlushAsync_SameAlertsWrittenTwice_ReadBackOnceEachWithFinal()
    {
        using var http = server.Connect();
        var db = await NewSchema(http);
        var records = new[] { ClickHouseRecords.Alert("S0002"), ClickHouseRecords.Alert("S0007") };

        // The first process's commit, then the same commit replayed by the next owner of the partition.
        foreach (var _ in new[] { "first", "replay" })
        {
            var output = new ClickHouseOutput(http, db);
            foreach (var a in records)
            {
                output.Alert(a);
            }

            await output.FlushAsync(None);
        }

        var rows = await ClickHouseRecords.FinalRows(http, db, ClickHouseSchema.Alerts);
        Assert.Equal(["R01:S0002", "R01:S0007"], rows.Select(r => r.Text("alert_id")));
        var row = rows[0];
        Assert.Equal("open", row.Text("status"));
        Assert.Equal("high", row.Text("severity"));
        Assert.Equal("S0002", row.Text("settlement_id"));
        Assert.Equal(JsonValueKind.Null, row.GetProperty("period").ValueKind);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("score").ValueKind);
        Assert.Equal("2026-03-12 07:40:00", row.Text("event_time")); // 15:40 at +08:00, held in UTC
        Assert.Equal("2026-03-12 08:00:00", row.Text("detected_at"));
        Assert.Equal(ClickHouseRecords.Detected.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), row.Text("version"));
        Assert.Equal(records[0].EvidenceJson, row.Text("evidence"));
    }

    [Fact]
    public async Task FlushAsync_LaterWithdrawnRecordForSameId_ReplacesTheOpenOne()
    {
        using var http = server.Connect();
        var db = await NewSchema(http);
        var open = ClickHouseRecords.Alert("S0002");
        var withdrawn = open with { Status = AlertStatus.Withdrawn, DetectedAt = open.DetectedAt.AddSeconds(5) };
        var output = new ClickHouseOutput(http, db);

        output.Alert(open);
        await output.FlushAsync(None);
        output.Alert(withdrawn);
        await output.FlushAsync(None);
        output.Alert(open); // an older commit replayed late: its lower version must not win back
        await output.FlushAsync(None);

        var row = Assert.Single(await ClickHouseRecords.FinalRows(http, db, ClickHouseSchema.Alerts));
        Assert.Equal("withdrawn", row.Text("status"));
        var latest = await http.QueryAsync($"SELECT argMax(status, version) FROM {ClickHouseSchema.Table(db, ClickHouseSchema.Alerts)} GROUP BY alert_id FORMAT TabSeparated", None);
        Assert.Equal("withdrawn\n", latest);
    }

    [Fact]
    public async Task FlushAsync_OpenAndWithdrawnInOneBuffer_WritesOnlyTheLater()
    {
        using var http = server.Connect();
        var db = await NewSchema(http);
        var open = ClickHouseRecords.Alert("S0002");
        var output = new ClickHouseOutput(http, db);

        output.Alert(open with { Status = AlertStatus.Withdrawn, DetectedAt = open.DetectedAt.AddSeconds(5) });
        output.Alert(open);
        Assert.Equal(1, output.Pending);
        await output.FlushAsync(None);

        var count = await http.QueryAsync($"SELECT count(), any(status) FROM {ClickHouseSchema.Table(db, ClickHouseSchema.Alerts)} FORMAT TabSeparated", None);
        Assert.Equal("1\twithdrawn\n", count);
    }

    [Fact]
    public async Task FlushAsync_ActionsWithAlertIdsAndOpenEnd_RoundTrip()
    {
        using var http = server.Connect();
        var db = await NewSchema(http);
        var warning = ClickHouseRecords.Warning("P0001", "R01:S0002", "R03:S0002");
        var selfPay = new IntegrityAction("SELF_PAY:P0001:2026", "P0001", ActionKind.SelfPay, new Timestamp(new DateTimeOffset(2026, 4, 2, 9, 0, 0, TimeSpan.FromHours(8))),
            new Timestamp(new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.FromHours(8))), "R02", ["R02:S0100"], false, "reviewer-7", null, ClickHouseRecords.Detected.AddDays(20));
        var reinstate = new IntegrityAction($"REINSTATE:{warning.ActionId}", "P0001", ActionKind.Reinstate, warning.EffectiveFrom, null, "R01", warning.AlertIds, true, null, warning.ActionId,
            ClickHouseRecords.Detected.AddDays(1));
        var output = new ClickHouseOutput(http, db);
        foreach (var a in new[] { warning, selfPay, reinstate })
        {
            output.Action(a);
        }

        await output.FlushAsync(None);

        var rows = (await ClickHouseRecords.FinalRows(http, db, ClickHouseSchema.Actions)).ToDictionary(r => r.Text("action_id"));
        Assert.Equal(3, rows.Count);
        var w = rows[warning.ActionId];
        Assert.Equal("WARNING", w.Text("action"));
        Assert.Equal("P0001", w.Text("patient_id"));
        Assert.Equal("2026-03-12 07:40:00", w.Text("effective_from"));
        Assert.Equal(JsonValueKind.Null, w.GetProperty("effective_until").ValueKind);
        Assert.Equal(["R01:S0002", "R03:S0002"], w.GetProperty("alert_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, w.GetProperty("automatic").GetInt32());
        Assert.Equal(JsonValueKind.Null, w.GetProperty("decided_by").ValueKind);
        Assert.Equal(JsonValueKind.Null, w.GetProperty("revokes").ValueKind);
        Assert.Equal("2026-03-12 08:00:00", w.Text("decided_at"));

        var s = rows[selfPay.ActionId];
        Assert.Equal("2026-12-31 15:59:59", s.Text("effective_until"));
        Assert.Equal(0, s.GetProperty("automatic").GetInt32());
        Assert.Equal("reviewer-7", s.Text("decided_by"));
        Assert.Equal(warning.ActionId, rows[reinstate.ActionId].Text("revokes"));
    }

    [Fact]
    public async Task FlushAsync_TablesMissing_ThrowsClickHousesErrorAndKeepsTheRowsForTheNextFlush()
    {
        using var http = server.Connect();
        var db = ClickHouseServer.NewDatabase(); // no schema yet: ClickHouse refuses the INSERT
        var output = new ClickHouseOutput(http, db);
        output.Alert(ClickHouseRecords.Alert("S0002"));
        output.Action(ClickHouseRecords.Warning("P0001", "R01:S0002"));

        var e = await Assert.ThrowsAsync<ClickHouseException>(() => output.FlushAsync(None));

        Assert.StartsWith("Code: ", e.Message, StringComparison.Ordinal); // ClickHouse's first error line, as it wrote it
        Assert.Contains(db, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(2, output.Pending);

        await ClickHouseSchema.EnsureAsync(http, db, None);
        await output.FlushAsync(None);

        Assert.Equal(0, output.Pending);
        Assert.Single(await ClickHouseRecords.FinalRows(http, db, ClickHouseSchema.Alerts));
        Assert.Single(await ClickHouseRecords.FinalRows(http, db, ClickHouseSchema.Actions));
    }

    [Fact]
    public async Task FlushAsync_ServerUnreachable_ThrowsAndKeepsTheRowsBuffered()
    {
        using var down = new ClickHouseHttp(new Uri($"http://127.0.0.1:{FreePort.Next()}"), TimeSpan.FromSeconds(5));
        var output = new ClickHouseOutput(down, ClickHouseOptions.DefaultDatabase);
        output.Alert(ClickHouseRecords.Alert("S0002"));
        output.Alert(ClickHouseRecords.Alert("S0007"));
        output.Action(ClickHouseRecords.Warning("P0001", "R01:S0002"));

        var first = await Assert.ThrowsAsync<ClickHouseException>(() => output.FlushAsync(None));
        output.Alert(ClickHouseRecords.Alert("S0002")); // the runtime's retry hands the same records in again
        await Assert.ThrowsAsync<ClickHouseException>(() => output.FlushAsync(None));

        Assert.Contains("cannot be reached", first.Message, StringComparison.Ordinal);
        Assert.Equal(3, output.Pending);
    }

    [Fact]
    public async Task FlushAsync_ChineseMessagesAndEvidence_SurviveTheRoundTrip()
    {
        using var http = server.Connect();
        var db = await NewSchema(http);
        const string evidence = """{"earlier":[{"facility_name":"连云港市第一人民医院","note":"𠮷野家 \"引号\" 换行\n"}],"remaining_days":19}""";
        var alert = ClickHouseRecords.Alert("S0002", messageZh: "人证卡不一致：持卡人与参保人不符（𠮷）", evidence: evidence);
        var output = new ClickHouseOutput(http, db);

        output.Alert(alert);
        await output.FlushAsync(None);

        var row = Assert.Single(await ClickHouseRecords.FinalRows(http, db, ClickHouseSchema.Alerts));
        Assert.Equal(alert.MessageZh, row.Text("message_zh"));
        Assert.Equal(alert.MessageEn, row.Text("message_en"));
        Assert.Equal(evidence, row.Text("evidence"));
        var filtered = await http.QueryAsync($"SELECT count() FROM {ClickHouseSchema.Table(db, ClickHouseSchema.Alerts)} FINAL WHERE message_zh LIKE '%人证卡%' FORMAT TabSeparated", None);
        Assert.Equal("1\n", filtered);
    }

    private async Task<string> NewSchema(ClickHouseHttp http)
    {
        var db = ClickHouseServer.NewDatabase();
        await ClickHouseSchema.EnsureAsync(http, db, None);
        return db;
    }
}
