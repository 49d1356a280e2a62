using System.Diagnostics;
using System.Net.Sockets;

namespace ChronicCare.Monitor.Streaming.Tests.Support;

/// <summary>A real `redis-server` on a free loopback port with its own temporary folder and AOF; can be stopped and started again on the same port and data.</summary>
internal sealed class RedisServer : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chroniccare-redis-").FullName;
    private Process? _process;

    public RedisServer()
    {
        Port = FreePort.Next();
        Start();
    }

    public int Port { get; }

    public string HostPort => $"127.0.0.1:{Port}";

    public void Start()
    {
        var psi = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _dir, "--appendonly", "yes", "--appendfsync", "everysec", "--save", "", "--protected-mode", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(psi) ?? throw new InvalidOperationException("redis-server did not start (install it: scripts/stack.sh install)");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var c = new TcpClient("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new TimeoutException("redis-server did not answer in 10 s");
    }

    public void Stop()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill();
            p.WaitForExit();
        }

        _process = null;
    }

    public void Dispose()
    {
        Stop();
        Directory.Delete(_dir, recursive: true);
    }
}
