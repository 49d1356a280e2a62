using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ChronicCare.Monitor.Streaming.Tests.Support;

/// <summary>`chroniccare` as a real OS process (so kill -9 is a real crash), its output captured.</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();
    private readonly Lock _gate = new();

    private CliProcess(IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(RepoPaths.CliDll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        _process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        _process.OutputDataReceived += (_, e) => Append(_out, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_err, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _out.ToString();
            }
        }
    }

    public string Errors
    {
        get
        {
            lock (_gate)
            {
                return _err.ToString();
            }
        }
    }

    /// <summary>Resident memory of the process in MiB (from /proc); it must still run.</summary>
    public double ResidentMiB
    {
        get
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"chroniccare exited ({_process.ExitCode}) while its memory was watched:\n{Tail(Errors)}");
            }

            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
    }

    public static CliProcess Start(params string[] args) => new(args);

    /// <summary>SIGKILL: no drain, no commit, no goodbye to the group.</summary>
    public void Kill9()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Waits until stderr shows <paramref name="text"/> (a log line such as a partition assignment).</summary>
    public void WaitForLog(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Errors.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no '{text}' on stderr (exited: {_process.HasExited}):\n{Tail(Errors)}");
            }

            Thread.Sleep(20);
        }
    }

    /// <summary>SIGTERM: what a service manager sends to stop it.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chroniccare did not exit within {timeout.TotalSeconds:0} s; stderr:\n{Tail(Errors)}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    public static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(30));

    private void Append(StringBuilder sb, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            sb.AppendLine(line);
        }
    }
}
