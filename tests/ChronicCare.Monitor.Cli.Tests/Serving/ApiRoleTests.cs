using ChronicCare.Monitor.Integrity;
using System.Net;
using Xunit;

namespace ChronicCare.Monitor.Cli.Tests.Serving;

/// <summary>
/// Every role against every endpoint: viewers read, reviewers also confirm and dismiss, supervisors also confirm fraud
/// or resale and reinstate; health needs no key. Writes run on their own server and store copy.
/// </summary>
[Collection(ServeCollection.Name)]
public sealed class ApiRoleTests(ServeWorld world)
{
    private const string Confirm = """{"decision":"confirm","note":"病历核实 checked the records"}""";
    private const string Dismiss = """{"decision":"dismiss","note":"合理用药 justified"}""";
    private const string Fraud = """{"decision":"confirm","finding":"fraud","note":"冒名购药 fraud"}""";
    private const string Reinstate = """{"note":"复核撤销 reviewed"}""";

    [Theory]
    [InlineData(null, "/api/health", "status", "ok")]
    [InlineData("viewer", "/api/health", "status", "ok")]
    [InlineData("reviewer", "/api/health", "status", "ok")]
    [InlineData("supervisor", "/api/health", "status", "ok")]
    [InlineData("viewer", "/api/alerts", "count", "11")]
    [InlineData("reviewer", "/api/alerts", "count", "11")]
    [InlineData("supervisor", "/api/alerts", "count", "11")]
    [InlineData("viewer", "/api/alerts/R02:S1", "alert", "R02:S1")]
    [InlineData("reviewer", "/api/alerts/R02:S1", "alert", "R02:S1")]
    [InlineData("supervisor", "/api/alerts/R02:S1", "alert", "R02:S1")]
    public async Task Get_EachRole_AnswersWithTheContent(string? role, string path, string property, string expected)
    {
        var (status, body) = await ServeHost.ReadAsync(world.Shared.GetAsync(path, role is null ? null : TestKeys.Of(role)));

        Assert.Equal(HttpStatusCode.OK, status);
        var value = body.GetProperty(property);
        Assert.Equal(expected, value.ValueKind switch
        {
            System.Text.Json.JsonValueKind.Object => value.GetProperty("alert_id").GetString(),
            System.Text.Json.JsonValueKind.Number => value.GetRawText(),
            _ => value.GetString(),
        });
    }

    [Theory]
    [InlineData("viewer", "/api/alerts/R02:S1/decision", Confirm, HttpStatusCode.Forbidden)]
    [InlineData("reviewer", "/api/alerts/R02:S1/decision", Confirm, HttpStatusCode.OK)]
    [InlineData("supervisor", "/api/alerts/R02:S1/decision", Confirm, HttpStatusCode.OK)]
    [InlineData("viewer", "/api/alerts/R02:S1/decision", Dismiss, HttpStatusCode.Forbidden)]
    [InlineData("reviewer", "/api/alerts/R02:S1/decision", Dismiss, HttpStatusCode.OK)]
    [InlineData("supervisor", "/api/alerts/R02:S1/decision", Dismiss, HttpStatusCode.OK)]
    [InlineData("viewer", "/api/alerts/R02:S1/decision", Fraud, HttpStatusCode.Forbidden)]
    [InlineData("reviewer", "/api/alerts/R02:S1/decision", Fraud, HttpStatusCode.Forbidden)]
    [InlineData("supervisor", "/api/alerts/R02:S1/decision", Fraud, HttpStatusCode.OK)]
    [InlineData("viewer", "/api/actions/WARNING:P0001:20260301/reinstate", Reinstate, HttpStatusCode.Forbidden)]
    [InlineData("reviewer", "/api/actions/WARNING:P0001:20260301/reinstate", Reinstate, HttpStatusCode.Forbidden)]
    [InlineData("supervisor", "/api/actions/WARNING:P0001:20260301/reinstate", Reinstate, HttpStatusCode.OK)]
    public async Task Post_EachRole_AllowedOrForbiddenAndOnlyAllowedOnesRecorded(string role, string path, string body, HttpStatusCode expected)
    {
        await using var host = await world.StartAsync();

        var (status, answer) = await ServeHost.ReadAsync(host.PostAsync(path, TestKeys.Of(role), body));

        Assert.Equal(expected, status);
        var decisions = await host.Store.DecisionsAsync(CancellationToken.None);
        if (expected == HttpStatusCode.OK)
        {
            var recorded = Assert.Single(decisions);
            Assert.Equal($"{role}.demo", recorded.DecidedBy);
            Assert.Equal(recorded.DecisionId, answer.GetProperty("decision").GetProperty("decision_id").GetString());
        }
        else
        {
            Assert.Empty(decisions);
            Assert.Contains("role", answer.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("reviewer", Dismiss, HttpStatusCode.Conflict)]
    [InlineData("reviewer", Confirm, HttpStatusCode.Conflict)]
    [InlineData("supervisor", Dismiss, HttpStatusCode.OK)]
    public async Task Post_AlertASupervisorConfirmedAsFraud_OnlyASupervisorDecidesAgain(string role, string body, HttpStatusCode expected)
    {
        await using var host = await world.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync("/api/alerts/R02:S1/decision", TestKeys.Supervisor, Fraud)).StatusCode);

        var (status, answer) = await ServeHost.ReadAsync(host.PostAsync("/api/alerts/R02:S1/decision", TestKeys.Of(role), body));

        Assert.Equal(expected, status);
        var latest = (await host.Store.DecisionsAsync(CancellationToken.None)).Last(d => d.AlertId == "R02:S1");
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal(ReviewVerdict.Dismiss, latest.Verdict);
        }
        else
        {
            // The fraud finding stands.
            Assert.Equal((ReviewVerdict.Confirm, ReviewFinding.Fraud, "supervisor.demo"), (latest.Verdict, latest.Finding, latest.DecidedBy));
            Assert.Contains("only a supervisor may decide on it again", answer.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }
}
