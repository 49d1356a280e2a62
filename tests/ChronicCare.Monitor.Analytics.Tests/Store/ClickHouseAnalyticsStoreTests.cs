using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Analytics.Tests.Support;
using ChronicCare.Monitor.ClickHouse;
using ChronicCare.Monitor.ClickHouse.Analytics;
using ChronicCare.Monitor.Streaming.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Analytics.Tests.Store;

/// <summary>
/// The store contract against <see cref="ClickHouseAnalyticsStore"/> on a real clickhouse-server (Debian's 18.16),
/// one database per test; plus its life beside the streaming writer, which shares the alerts and actions tables.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClickHouseAnalyticsStoreTests(ClickHouseServer server) : AnalyticsStoreContractTests, IClassFixture<ClickHouseServer>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _database = ClickHouseServer.NewDatabase();

    protected override IReadOnlyList<string> ExpectedMigrations { get; } =
        ["0001_alerts", "0002_actions", "0003_record_texts", "0004_decisions", "0005_settlements", "0006_reference", "0007_rollups", "0008_enrolment_sets"];

    [Fact]
    public async Task MigrateAsync_OverTablesTheStreamingWriterCreatedAndFilled_KeepsTheirRowsReadable()
    {
        using var http = server.Connect();
        await ClickHouseSchema.EnsureAsync(http, _database, None);
        var streamed = Rows.Alert("R01:S0001", eventTime: "2026-04-01T00:30:00+08:00");
        var output = new ClickHouseOutput(http, _database);
        output.Alert(streamed);
        output.Action(Rows.Action("A1"));
        await output.FlushAsync(None);

        await using var store = await MigratedStoreAsync();

        // The streaming writer's rows carry UTC instants only: the month and event_time fall back to UTC.
        var read = Assert.Single(await store.AlertsAsync("2026-03", None));
        Assert.Equal(streamed with { EventTime = "2026-03-31T16:30:00Z", DetectedAt = new DateTimeOffset(2026, 3, 12, 8, 0, 0, 123, TimeSpan.Zero) }, read);
        var action = (await store.FindActionAsync("A1", None))!;
        Assert.Equal(Rows.Action("A1").EffectiveFrom.UtcTicks, action.EffectiveFrom.UtcTicks);
        Assert.True(action.SameContent(Rows.Action("A1")));
    }

    [Fact]
    public async Task WriteAsync_StreamingWriterAddsALaterVersion_TheStoreReadsIt()
    {
        await using var store = await MigratedStoreAsync();
        var open = Rows.Alert("R01:S0001");
        await store.WriteAsync(Rows.Batch(b => b.Alerts.Add(open)), None);

        using var http = server.Connect();
        var output = new ClickHouseOutput(http, _database);
        output.Alert(open with { Status = AlertStatus.Withdrawn, DetectedAt = open.DetectedAt.AddMinutes(1) });
        await output.FlushAsync(None);

        Assert.Equal(AlertStatus.Withdrawn, (await store.FindAlertAsync("R01:S0001", None))!.Status);
    }

    [Fact]
    public async Task MigrateAsync_EnrolmentsWrittenBeforeEnrolmentSets_ReadBackAndGiveWayToALaterSet()
    {
        using var http = server.Connect();
        var calls = new ClickHouseCalls(http, ClickHouseRetry.Create(TimeSpan.FromMilliseconds(10)));
        var sets = ClickHouseMigrations.All(_database).Single(m => m.Id == "0008_enrolment_sets");
        foreach (var sql in ClickHouseMigrations.Bootstrap(_database))
        {
            await calls.ExecuteAsync(sql, None);
        }

        foreach (var migration in ClickHouseMigrations.All(_database).TakeWhile(m => m.Id != sets.Id))
        {
            foreach (var step in migration.Steps)
            {
                await step.RunAsync(calls, None);
            }

            await http.ExecuteAsync($"INSERT INTO {_database}.schema_migrations (id, applied_at) VALUES ('{migration.Id}', now())", None);
        }

        // One row per (patient, disease), as the store wrote enrolments before 0008.
        await http.ExecuteAsync(
            $"""
            INSERT INTO {_database}.enrolments VALUES
                ('K1', 'M01', '320700', 'employee', '2025-01-01', '2026-12-31'), ('K1', 'M02', '320700', 'employee', '2025-01-01', '2026-12-31'),
                ('K2', 'M01', '320703', 'resident', '2026-03-01', '2027-02-28')
            """,
            None);

        await using var store = await MigratedStoreAsync();

        EnrolmentRow K1(string disease) => new("K1", disease, "320700", "employee", new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 31));
        var k2 = new EnrolmentRow("K2", "M01", "320703", "resident", new DateOnly(2026, 3, 1), new DateOnly(2027, 2, 28));
        Assert.Equal(ExpectedMigrations, await store.AppliedMigrationsAsync(None));
        Assert.Equal([K1("M01"), K1("M02"), k2], await store.EnrolmentsAsync("2026-03", None));

        await store.WriteAsync(Rows.Batch(b => b.Enrolments.Add(K1("M01"))), None);
        foreach (var step in sets.Steps)
        {
            await step.RunAsync(calls, None); // a second migrator copying the old rows again
        }

        Assert.Equal([K1("M01"), k2], await store.EnrolmentsAsync("2026-03", None));
    }

    [Fact]
    public async Task RefreshRollupsAsync_StageTables_DroppedAfterwardsAndWhenAbandoned()
    {
        await using var store = await MigratedStoreAsync();
        await store.WriteAsync(Rows.Batch(b => b.Settlements.Add(Rows.Settlement("S0001", "K1", "F001", new DateOnly(2026, 3, 2), 10_000))), None);
        using var http = server.Connect();
        await http.ExecuteAsync($"CREATE TABLE {_database}.rollup_stage_20200101000000_dead_facility_month AS {_database}.facility_month", None);
        var recent = $"rollup_stage_{DateTime.UtcNow:yyyyMMddHHmmss}_running_facility_month";
        await http.ExecuteAsync($"CREATE TABLE {_database}.{recent} AS {_database}.facility_month", None);

        await store.RefreshRollupsAsync("2026-03", None);
        await store.RefreshRollupsAsync("2026-04", None);

        var tables = await http.QueryAsync($"SELECT name FROM system.tables WHERE database = '{_database}' AND name LIKE 'rollup_stage%' ORDER BY name", None);
        Assert.Equal(recent, tables.Trim());
        Assert.Equal(10_000, Assert.Single(await store.FacilityMonthsAsync("2026-03", None)).TotalFen);
    }

    [Fact]
    public void Describe_UrlWithPassword_NamesServerAndDatabaseOnly()
    {
        var url = new Uri(server.Url, "/?user=default&password=s3cret");
        var options = new ClickHouseOptions { Url = url, Database = _database };

        var describe = new ClickHouseAnalyticsStore(options).Describe;

        Assert.DoesNotContain("s3cret", describe, StringComparison.Ordinal);
        Assert.EndsWith($"/{_database}", describe, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DatabaseNameThatIsNoIdentifier_ThrowsArgumentException()
    {
        var options = new ClickHouseOptions { Url = server.Url, Database = "x; DROP DATABASE y" };

        Assert.Throws<ArgumentException>(() => new ClickHouseAnalyticsStore(options));
    }

    [Fact]
    public async Task WriteAsync_ServerUnreachable_FailsAfterRetriesWithoutRowData()
    {
        using var http = new ClickHouseHttp(new Uri($"http://127.0.0.1:{FreePort.Next()}/?password=s3cret"), TimeSpan.FromSeconds(2));
        await using var store = new ClickHouseAnalyticsStore(http, _database, ownsHttp: false, TimeSpan.FromMilliseconds(10));

        var error = await Assert.ThrowsAsync<ClickHouseException>(() => store.WriteAsync(Rows.Batch(b => b.Alerts.Add(Rows.Alert("R01:S0001"))), None));

        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("P0001", error.Message, StringComparison.Ordinal);
    }

    protected override IAnalyticsStore OpenStore() => new ClickHouseAnalyticsStore(new ClickHouseOptions { Url = server.Url, Database = _database });
}
