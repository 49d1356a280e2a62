using System.Diagnostics;
using ChronicCare.Monitor.ClickHouse;

namespace ChronicCare.Monitor.Streaming.Tests.Support;

/// <summary>
/// A real clickhouse-server (Debian's 18.16) for one test class, started by the repository's own
/// `scripts/stack.sh start --dir DIR` (which also starts a Redis and a mock Kafka; about a second) in a new temporary
/// folder, and stopped with `stack.sh stop --dir DIR`, which removes the folder. Tests isolate themselves by database.
/// </summary>
public sealed class ClickHouseServer : IDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"chroniccare-clickhouse-tests-{Guid.NewGuid():N}");

    public ClickHouseServer()
    {
        var (code, stdout, stderr) = Stack("start", "--dir", _dir);
        if (code != 0)
        {
            throw new InvalidOperationException($"scripts/stack.sh start exited {code}: {stderr.Trim()}");
        }

        var env = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('=', 2)).Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        Url = new Uri(env.TryGetValue("CLICKHOUSE_URL", out var url) ? url : throw new InvalidOperationException($"stack.sh printed no CLICKHOUSE_URL: {stdout}"));
    }

    public Uri Url { get; }

    /// <summary>A client of this server; tests use short timeouts so a hang fails fast.</summary>
    internal ClickHouseHttp Connect(TimeSpan? timeout = null) => new(Url, timeout ?? TimeSpan.FromSeconds(10));

    /// <summary>A database name no other test uses.</summary>
    internal static string NewDatabase() => $"t_{Guid.NewGuid():N}";

    public void Dispose() => Stack("stop", "--dir", _dir);

    private static (int Code, string Stdout, string Stderr) Stack(params string[] args)
    {
        var psi = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        psi.ArgumentList.Add(Path.Combine(RepoPaths.Root, "scripts", "stack.sh"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("bash did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(ScriptTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/stack.sh {string.Join(' ', args)} did not finish in {ScriptTimeout.TotalSeconds:0} s");
        }

        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
