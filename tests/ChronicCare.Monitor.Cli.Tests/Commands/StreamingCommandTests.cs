using ChronicCare.Monitor.Cli.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Cli.Tests.Commands;

/// <summary>`run` and `produce` refuse bad arguments with one line and a meaningful exit code, before touching a server.</summary>
public sealed class StreamingCommandTests
{
    [Fact]
    public void Run_MissingGroup_ExitsTwoWithOneLine()
    {
        var r = CliRun.Of("run", "--kafka", "127.0.0.1:1", "--redis", "127.0.0.1:1");

        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.Error.Trim().Split('\n'));
        Assert.Contains("--group", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_RedisNotHostPort_ExitsTwoNamingTheOption()
    {
        var r = CliRun.Of("run", "--kafka", "127.0.0.1:1", "--redis", "localhost", "--group", "g");

        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("chroniccare: --redis must be HOST:PORT", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ZeroMaxBatch_ExitsTwo()
    {
        var r = CliRun.Of("run", "--kafka", "127.0.0.1:1", "--redis", "127.0.0.1:1", "--group", "g", "--max-batch", "0");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--max-batch", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_EmptyTopicName_ExitsTwo()
    {
        var r = CliRun.Of("run", "--kafka", "127.0.0.1:1", "--redis", "127.0.0.1:1", "--group", "g", "--topic-alerts", " ");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("alerts topic", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Produce_ZeroRate_ExitsTwo()
    {
        var r = CliRun.Of("produce", "--kafka", "127.0.0.1:1", "--events", Path.Combine(Paths.Examples, "events.jsonl"), "--rate", "0");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--rate", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Produce_EventsFileMissing_ExitsThree()
    {
        var r = CliRun.Of("produce", "--kafka", "127.0.0.1:1", "--events", "/nonexistent/events.jsonl");

        Assert.Equal(3, r.ExitCode);
        Assert.Contains("events file not found", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Produce_SimulateWithFiles_ExitsTwo()
    {
        var r = CliRun.Of("produce", "--kafka", "127.0.0.1:1", "--simulate", "--events", "x.jsonl");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--simulate", r.Error, StringComparison.Ordinal);
    }
}
