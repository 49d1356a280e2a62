using ChronicCare.Monitor.Cli.Serving.Keys;
using ChronicCare.Monitor.Cli.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Cli.Tests.Serving;

/// <summary>`serve` checks its options, keys and roster before it listens: one line and a meaningful exit code.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly string _dir = Paths.TempDir();

    private string Store => Path.Combine(_dir, "analytics.db");

    [Fact]
    public void Serve_NoStore_ExitsTwo()
    {
        var r = CliRun.Of("serve", "--keys", Keys("{\"keys\": []}"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--store FILE (SQLite) or --clickhouse URL", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_KeysFileMissing_ExitsThreeNamingIt()
    {
        var r = CliRun.Of("serve", "--store", Store, "--keys", Path.Combine(_dir, "none.json"));

        Assert.Equal(3, r.ExitCode);
        Assert.Contains("API keys file not found", r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Store));
    }

    [Fact]
    public void Serve_KeysFileWithAPlainKey_ExitsThreeAndDoesNotEchoIt()
    {
        var r = CliRun.Of("serve", "--store", Store, "--keys", Keys("{\"keys\": [{\"user\": \"a\", \"role\": \"viewer\", \"sha256\": \"my-secret-key\"}]}"));

        Assert.Equal(3, r.ExitCode);
        Assert.Single(r.Error.Trim().Split('\n'));
        Assert.DoesNotContain("my-secret-key", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_NoKeys_ExitsTwo()
    {
        var r = CliRun.Of("serve", "--store", Store, "--keys", Keys("{\"keys\": []}"), "--reviewers", Roster);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("lists no key", r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port", "70000", "--port: expected 0..65535")]
    [InlineData("--host", "http://x", "--host: expected an address or host name")]
    public void Serve_BadListenOption_ExitsTwo(string option, string value, string reason)
    {
        var r = CliRun.Of("serve", "--store", Store, "--keys", Keys($"{{\"keys\": [{{\"user\": \"a\", \"role\": \"viewer\", \"sha256\": \"{ApiKeyRing.HashOf("k")}\"}}]}}"),
            "--reviewers", Roster, option, value);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(reason, r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_RosterMissing_ExitsThree()
    {
        var r = CliRun.Of("serve", "--store", Store, "--keys", Path.Combine(Paths.Repo, "pipelines", "api-keys.json"), "--reviewers", Path.Combine(_dir, "none.json"));

        Assert.Equal(3, r.ExitCode);
        Assert.Contains("reviewers roster not found", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_DemoKeysBeyondLoopback_ExitsTwoUnlessAllowed()
    {
        var demo = Path.Combine(Paths.Repo, "pipelines", "api-keys.json");

        var r = CliRun.Of("serve", "--store", Store, "--keys", demo, "--host", "0.0.0.0", "--port", "0");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("still holds the published demo keys", r.Error, StringComparison.Ordinal);
        Assert.Single(r.Error.Trim().Split('\n'));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Roster => Path.Combine(Paths.Repo, "pipelines", "reviewers.json");

    private string Keys(string json)
    {
        var path = Path.Combine(_dir, $"keys-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
