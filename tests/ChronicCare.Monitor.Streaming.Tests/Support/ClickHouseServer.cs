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
    private string[]? _commandLine;

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

    /// <summary>Stops the server (SIGTERM) and keeps its command line, so <see cref="Restart"/> brings it back on the same port and data.</summary>
    public void Stop()
    {
        var pidFile = Path.Combine(_dir, "clickhouse.pid");
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        _commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        using var process = Process.GetProcessById(pid);
        using (var kill = Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
        }
    }

    /// <summary>Starts the server stopped by <see cref="Stop"/> again and waits until it answers.</summary>
    public void Restart()
    {
        var line = _commandLine ?? throw new InvalidOperationException("not stopped");
        var psi = new ProcessStartInfo(line[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in line.Skip(1))
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("clickhouse-server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        File.WriteAllText(Path.Combine(_dir, "clickhouse.pid"), process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (http.GetAsync(new Uri(Url, "/ping")).GetAwaiter().GetResult().IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            Thread.Sleep(100);
        }

        throw new TimeoutException("clickhouse-server did not answer within 60 s of its restart");
    }

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
