using ChronicCare.Monitor.Cli.Analytics;
using ChronicCare.Monitor.Cli.Serving.Keys;
using ChronicCare.Monitor.Cli.Terminal;
using ChronicCare.Monitor.Files;

namespace ChronicCare.Monitor.Cli.Serving;

/// <summary>
/// <c>serve</c>: loads and checks the keys, the roster and the policy before anything listens, opens (and migrates)
/// the store, and serves until the command is stopped.
/// </summary>
internal static class ServeJob
{
    /// <summary>The keys pipelines/api-keys.json ships with (published in its comments): fine on loopback, refused beyond it.</summary>
    private static readonly string[] DemoKeys = ["chroniccare-demo-viewer-key", "chroniccare-demo-reviewer-key", "chroniccare-demo-supervisor-key"];

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip));

    public static async Task<int> RunAsync(StoreChoice storeChoice, string host, int port, string keysPath, string reviewersPath, string? policyPath,
        string? kafka, string eventsTopic, bool allowDemoKeys, CliContext cli, CancellationToken ct)
    {
        var ring = ApiKeyRing.Load(keysPath);
        if (!allowDemoKeys && !IsLoopback(host) && DemoKeys.Any(k => ring.Find(k) is not null))
        {
            throw new ArgumentException($"{keysPath} still holds the published demo keys: replace them before serving on {host} (or pass --allow-demo-keys, never with real data)");
        }

        var setup = new ServeSetup(host, port, ring, TriageJob.LoadRoster(reviewersPath), PolicyFile.Load(policyPath).Integrity, kafka, eventsTopic)
            .Validate();
        await using var store = await storeChoice.OpenAsync(ct).ConfigureAwait(false);
        using var meter = new Telemetry.MonitorMeter();
        await using var server = await TriageServer.StartAsync(setup, store, cli.Time, cli.Error, meter, ct).ConfigureAwait(false);
        cli.Out.WriteLine($"serve: triage page {server.Address}triage, API {server.Address}api, metrics {server.Address}metrics (store {store.Describe}); Ctrl-C stops");
        try
        {
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is how a server ends: Ctrl-C or SIGTERM.
        }

        return ExitCodes.Ok;
    }
}
