using ChronicCare.Monitor.Cli.Serving.Keys;
using ChronicCare.Monitor.Cli.Tests.Support;
using ChronicCare.Monitor.Files;
using Xunit;

namespace ChronicCare.Monitor.Cli.Tests.Serving;

/// <summary>The keys file: hashes only, validated at start with one-line reasons; a key maps to its user and role.</summary>
public sealed class ApiKeyRingTests
{
    [Fact]
    public void Find_EachKey_ItsUserAndRole()
    {
        Assert.Equal(new Caller("viewer.demo", ServeRole.Viewer), TestKeys.Ring.Find(TestKeys.Viewer));
        Assert.Equal(new Caller("supervisor.demo", ServeRole.Supervisor), TestKeys.Ring.Find(TestKeys.Supervisor));
        Assert.Null(TestKeys.Ring.Find(TestKeys.Unknown));
        Assert.Null(TestKeys.Ring.Find(""));
        Assert.Null(TestKeys.Ring.Find(null));
        Assert.Null(TestKeys.Ring.Find(TestKeys.Viewer.ToUpperInvariant()));
    }

    [Fact]
    public void Load_RepositoryFile_DemoKeysAuthenticateWithTheirRoles()
    {
        var ring = ApiKeyRing.Load(Path.Combine(Paths.Repo, "pipelines", "api-keys.json"));

        Assert.Equal(3, ring.Count);
        Assert.Equal(new Caller("viewer.demo", ServeRole.Viewer), ring.Find("chroniccare-demo-viewer-key"));
        Assert.Equal(new Caller("reviewer.demo", ServeRole.Reviewer), ring.Find("chroniccare-demo-reviewer-key"));
        Assert.Equal(new Caller("supervisor.demo", ServeRole.Supervisor), ring.Find("chroniccare-demo-supervisor-key"));
    }

    [Theory]
    [InlineData("[]", "expected {\"keys\"")]
    [InlineData("{\"keys\": [{\"role\": \"viewer\", \"sha256\": \"HASH\"}]}", "entry 1 needs a \"user\"")]
    [InlineData("{\"keys\": [{\"user\": \"a\", \"role\": \"admin\", \"sha256\": \"HASH\"}]}", "entry 1 (a) needs a \"role\": viewer, reviewer or supervisor")]
    [InlineData("{\"keys\": [{\"user\": \"a\", \"role\": \"viewer\", \"sha256\": \"the-key-itself\"}]}", "needs \"sha256\": the key's SHA-256 as 64 hex digits")]
    [InlineData("{\"keys\": [{\"user\": \"a\", \"role\": \"viewer\", \"sha256\": \"HASH\"}, {\"user\": \"b\", \"role\": \"viewer\", \"sha256\": \"HASH\"}]}", "entry 2 (b) repeats another entry's key")]
    [InlineData("{\"keys\": [{\"user\": \"a\", \"role\": \"viewer\", \"sha256\": \"HASH\"}, {\"user\": \"a\", \"role\": \"supervisor\", \"sha256\": \"OTHER\"}]}", "user 'a' is listed with two roles")]
    [InlineData("{\"keys\": [", "not valid JSON")]
    public void Parse_BadFile_OneLineReason(string json, string reason)
    {
        var e = Assert.Throws<FormatException>(() => ApiKeyRing.Parse(json.Replace("HASH", ApiKeyRing.HashOf("k1"), StringComparison.Ordinal)
            .Replace("OTHER", ApiKeyRing.HashOf("k2"), StringComparison.Ordinal)));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Load_MissingFile_InputExceptionNamingIt()
    {
        var e = Assert.Throws<InputException>(() => ApiKeyRing.Load("/nonexistent/api-keys.json"));

        Assert.StartsWith("API keys file not found: /nonexistent/api-keys.json", e.Message, StringComparison.Ordinal);
    }
}
