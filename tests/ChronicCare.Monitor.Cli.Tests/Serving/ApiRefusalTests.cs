using System.Net;
using Xunit;

namespace ChronicCare.Monitor.Cli.Tests.Serving;

/// <summary>
/// Every refusal of the API, each a problem body whose detail is one line: 401 without or with an unknown key,
/// 403 for a role the key or the roster lacks, 400 for bad input, 404 for an unknown subject, 409 for a decision the
/// triage desk refuses. Nothing refused is recorded.
/// </summary>
[Collection(ServeCollection.Name)]
public sealed class ApiRefusalTests(ServeWorld world)
{
    private const string Confirm = """{"decision":"confirm","note":"checked"}""";

    public static TheoryData<string, string?> Endpoints => new()
    {
        { "/api/alerts", null },
        { "/api/alerts/R02:S1", null },
        { "/api/alerts/R02:S1/decision", Confirm },
        { "/api/actions/WARNING:P0001:20260301/reinstate", """{"note":"x"}""" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AnyEndpoint_NoKey_401WithChallenge(string path, string? body)
    {
        using var response = await (body is null ? world.Shared.GetAsync(path, null) : world.Shared.PostAsync(path, null, body));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains("no API key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AnyEndpoint_UnknownKey_401(string path, string? body)
    {
        var (status, problem) = await ServeHost.ReadAsync(body is null ? world.Shared.GetAsync(path, TestKeys.Unknown) : world.Shared.PostAsync(path, TestKeys.Unknown, body));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("not known", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X-Api-Key", TestKeys.Reviewer, HttpStatusCode.OK)]
    [InlineData("X-Api-Key", TestKeys.Unknown, HttpStatusCode.Unauthorized)]
    [InlineData("Authorization", "Basic " + TestKeys.Reviewer, HttpStatusCode.Unauthorized)]
    [InlineData("Authorization", "bearer " + TestKeys.Reviewer, HttpStatusCode.OK)]
    [InlineData("Cookie", "chroniccare_key=" + TestKeys.Reviewer, HttpStatusCode.Unauthorized)]
    public async Task List_KeyInEachPlace_OnlyTheApiHeadersAuthenticate(string header, string value, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/alerts");
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await world.Shared.Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Decision_ReviewerKeyButNotInRoster_403NamingTheRosterAndNothingRecorded()
    {
        await using var host = await world.StartAsync();

        var (status, problem) = await ServeHost.ReadAsync(host.PostAsync("/api/alerts/R02:S1/decision", TestKeys.OffRoster, Confirm));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("user 'mallory' is not authorised to confirm or dismiss alerts (needs the reviewer role in the reviewers roster)", problem.GetProperty("detail").GetString());
        Assert.Empty(await host.Store.DecisionsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Decision_ViewerWithBadBody_403BeforeTheBodyIsRead()
    {
        var (status, _) = await ServeHost.ReadAsync(world.Shared.PostAsync("/api/alerts/R02:S1/decision", TestKeys.Viewer, "not json"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Theory]
    [InlineData("not json", "body: not valid JSON")]
    [InlineData("[1,2]", "body: expected a JSON object")]
    [InlineData("""{"note":"x"}""", "decision: expected confirm or dismiss, got ''")]
    [InlineData("""{"decision":"maybe","note":"x"}""", "decision: expected confirm or dismiss, got 'maybe'")]
    [InlineData("""{"decision":1,"note":"x"}""", "decision: expected confirm or dismiss, got '1'")]
    [InlineData("""{"decision":"confirm","finding":"bribe","note":"x"}""", "finding: expected rule, fraud or resale, got 'bribe'")]
    [InlineData("""{"decision":"dismiss","finding":"fraud","note":"x"}""", "finding: fraud or resale goes with decision confirm")]
    [InlineData("""{"decision":"confirm"}""", "note: say why")]
    [InlineData("""{"decision":"confirm","note":"   "}""", "note: say why")]
    public async Task Decision_BadBody_400WithOneLineReasonAndNothingRecorded(string body, string reason)
    {
        await using var host = await world.StartAsync();

        var (status, problem) = await ServeHost.ReadAsync(host.PostAsync("/api/alerts/R02:S1/decision", TestKeys.Supervisor, body));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.StartsWith(reason, detail, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', detail);
        Assert.Empty(await host.Store.DecisionsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Decision_NoteTooLong_400()
    {
        var (status, problem) = await ServeHost.ReadAsync(world.Shared.PostAsync(
            "/api/alerts/R02:S1/decision", TestKeys.Reviewer, $$"""{"decision":"confirm","note":"{{new string('x', 2001)}}"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("note: at most 2000 characters", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Decision_BodyOverTheLimit_400()
    {
        var (status, problem) = await ServeHost.ReadAsync(world.Shared.PostAsync(
            "/api/alerts/R02:S1/decision", TestKeys.Reviewer, $$"""{"decision":"confirm","note":"{{new string('x', 70_000)}}"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("body: at most", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"note":""}""")]
    public async Task Reinstate_NoNote_400(string body)
    {
        var (status, problem) = await ServeHost.ReadAsync(world.Shared.PostAsync("/api/actions/WARNING:P0001:20260301/reinstate", TestKeys.Supervisor, body));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("note: say why", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rule=R99", "rule: unknown rule 'R99' (R01..R15)")]
    [InlineData("severity=extreme", "severity: expected high, medium or low, got 'extreme'")]
    [InlineData("status=closed", "status: expected open or withdrawn, got 'closed'")]
    [InlineData("limit=0", "limit: expected 1..1000, got '0'")]
    [InlineData("limit=1001", "limit: expected 1..1000, got '1001'")]
    [InlineData("limit=ten", "limit: expected 1..1000, got 'ten'")]
    [InlineData("limit=-5", "limit: expected 1..1000, got '-5'")]
    [InlineData("sevrity=high", "unknown query parameter 'sevrity' (rule, severity, status, region, facility, limit)")]
    [InlineData("rule=R01&rule=R02", "rule: give it once")]
    public async Task List_BadFilter_400NamingTheParameter(string query, string reason)
    {
        var (status, problem) = await ServeHost.ReadAsync(world.Shared.GetAsync("/api/alerts?" + query, TestKeys.Viewer));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(reason, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("GET", "/api/alerts/R02:NOPE", null, "alert R02:NOPE is not in the analytics store")]
    [InlineData("POST", "/api/alerts/R02:NOPE/decision", Confirm, "alert R02:NOPE is not in the analytics store")]
    [InlineData("POST", "/api/actions/SELF_PAY:P0001:NOPE/reinstate", """{"note":"x"}""", "action SELF_PAY:P0001:NOPE is not in the analytics store")]
    public async Task UnknownSubject_404(string method, string path, string? body, string reason)
    {
        var (status, problem) = await ServeHost.ReadAsync(method == "GET" ? world.Shared.GetAsync(path, TestKeys.Supervisor) : world.Shared.PostAsync(path, TestKeys.Supervisor, body!));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(reason, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/alerts/R02:W1/decision", Confirm, "alert R02:W1 is withdrawn: there is nothing to confirm")]
    [InlineData("/api/alerts/R12:F320705002:2026-03/decision", """{"decision":"confirm","finding":"fraud","note":"x"}""", "alert R12:F320705002:2026-03 (R12) has no patient to sanction")]
    [InlineData("/api/actions/REINSTATE:SUSPEND:P0002:OLD/reinstate", """{"note":"x"}""", "action REINSTATE:SUSPEND:P0002:OLD is itself a REINSTATE")]
    public async Task Decision_TheDeskRefuses_409WithItsReasonAndNothingRecorded(string path, string body, string reason)
    {
        await using var host = await world.StartAsync();

        var (status, problem) = await ServeHost.ReadAsync(host.PostAsync(path, TestKeys.Supervisor, body));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(reason, problem.GetProperty("detail").GetString());
        Assert.Empty(await host.Store.DecisionsAsync(CancellationToken.None));
    }
}
