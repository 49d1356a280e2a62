using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Analytics.Triage;
using ChronicCare.Monitor.Cli.Serving;
using ChronicCare.Monitor.Cli.Tests.Support;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ChronicCare.Monitor.Cli.Tests.Serving;

/// <summary>
/// The store the serve tests triage, made once: <c>detect --store</c> over the contract examples plus four
/// settlements of P0001 (R02 on 1 March and on 15 April: two incidents, so confirming both moves the ladder to
/// SELF_PAY), and three records <c>detect</c> does not make here: a withdrawn alert (<c>R02:W1</c>), a facility alert
/// without a patient (<c>R12:F320705002:2026-03</c>) and a REINSTATE action. Each test that writes gets its own copy
/// and server; reads share one. The clock is 2026-11-01T00:00Z (decisions at 08:00+08:00), as in the triage tests.
/// </summary>
public sealed class ServeWorld : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string _dir = Paths.TempDir();
    private ServeHost? _shared;

    public string Template => Path.Combine(_dir, "template.db");

    public string Events => Path.Combine(_dir, "events.jsonl");

    /// <summary>A server for tests that only read.</summary>
    public ServeHost Shared => _shared ?? throw new InvalidOperationException("not initialised");

    public async Task InitializeAsync()
    {
        WriteEvents();
        var detect = CliRun.Of("detect", "--reference", Paths.Examples, "--events", Events, "--out", Path.Combine(_dir, "out"), "--store", Template, "--quiet", "--model", "none");
        Assert.True(detect.ExitCode == 0, detect.Error);
        await using (var store = await SqliteAnalyticsStore.OpenAsync(Template, CancellationToken.None))
        {
            var r02 = (await store.FindAlertAsync("R02:S1", CancellationToken.None))!;
            var batch = new AnalyticsBatch();
            batch.Alerts.Add(r02 with { AlertId = "R02:W1", SettlementId = "W1", Status = AlertStatus.Withdrawn });
            batch.Alerts.Add(new Alert("R12:F320705002:2026-03", "R12", AlertStatus.Open, Severity.Medium, null, null, "F320705002", "2026-03",
                "2026-03-31T23:59:59+08:00", Now, 3.2, """{"cost_per_visit_fen":51230,"peer_median_fen":12040}""", "机构均次费用偏高。", "High cost per visit."));
            batch.Actions.Add(new IntegrityAction("REINSTATE:SUSPEND:P0002:OLD", "P0002", ActionKind.Reinstate, new Timestamp(Now), null, "R05", [], false,
                "supervisor.demo", "SUSPEND:P0002:OLD", Now));
            await store.WriteAsync(batch, CancellationToken.None);
        }

        _shared = await StartAsync();
    }

    /// <summary>A server over a fresh copy of the template store.</summary>
    public async Task<ServeHost> StartAsync()
    {
        var copy = Path.Combine(_dir, $"store-{Guid.NewGuid():N}.db");
        File.Copy(Template, copy);
        var store = await SqliteAnalyticsStore.OpenAsync(copy, CancellationToken.None);
        var log = new StringWriter();
        var roster = ReviewerRoster.Parse(File.ReadAllText(Path.Combine(Paths.Repo, "pipelines", "reviewers.json")));
        var setup = new ServeSetup("127.0.0.1", 0, TestKeys.Ring, roster, new IntegrityPolicyOptions(), null, "events");
        var meter = new Telemetry.MonitorMeter();
        var server = await TriageServer.StartAsync(setup, store, new FakeTimeProvider(Now), log, meter, CancellationToken.None);
        return new ServeHost(server, store, copy, log, meter);
    }

    public async Task DisposeAsync()
    {
        if (_shared is not null)
        {
            await _shared.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The contract examples, then P0001's four settlements (as in the triage command tests).</summary>
    private void WriteEvents()
    {
        var examples = File.ReadAllLines(Path.Combine(Paths.Examples, "events.jsonl"));
        var template = examples[0];
        string Line(string id, string at, int days) => template.Replace("\"S0001\"", $"\"{id}\"", StringComparison.Ordinal)
            .Replace("2026-03-01T09:12:00+08:00", at, StringComparison.Ordinal)
            .Replace("\"days_supply\":30", $"\"days_supply\":{days}", StringComparison.Ordinal);
        File.WriteAllLines(Events,
        [
            .. examples,
            Line("S1", "2026-03-01T09:12:00+08:00", 31),
            Line("S2", "2026-04-15T09:12:00+08:00", 31),
            Line("S3", "2026-05-20T09:12:00+08:00", 30),
            Line("S4", "2026-11-15T09:12:00+08:00", 30),
        ]);
    }
}

[CollectionDefinition(Name)]
public sealed class ServeCollection : ICollectionFixture<ServeWorld>
{
    public const string Name = "serve";
}
