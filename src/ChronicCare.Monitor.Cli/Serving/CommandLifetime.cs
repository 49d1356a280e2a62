using Microsoft.Extensions.Hosting;

namespace ChronicCare.Monitor.Cli.Serving;

/// <summary>
/// The web host's lifetime is the command's: <c>serve</c> stops when its cancellation token fires (Ctrl-C, SIGTERM,
/// as System.CommandLine delivers them), so the host installs no signal handlers or console messages of its own.
/// </summary>
internal sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
