using Microsoft.Extensions.Hosting;

namespace ChronicCare.Monitor.Telemetry;

/// <summary>
/// The metrics host's lifetime: none of its own. The default console lifetime would take SIGTERM and Ctrl+C, which
/// belong to the command (a drain and a last commit); the command stops the host when it is done.
/// </summary>
internal sealed class ProcessOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
