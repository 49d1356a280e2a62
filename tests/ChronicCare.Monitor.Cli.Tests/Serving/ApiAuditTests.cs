using System.Net;
using System.Text.Json;
using ChronicCare.Monitor.Cli.Tests.Support;
using ChronicCare.Monitor.Integrity;
using Xunit;

namespace ChronicCare.Monitor.Cli.Tests.Serving;

/// <summary>
/// What a write leaves behind: the decision row in the store's audit trail (who = the key's user, when = the clock,
/// why = the note), the integrity record that now shows what the ladder implies, and a log without keys or patients.
/// </summary>
[Collection(ServeCollection.Name)]
public sealed class ApiAuditTests(ServeWorld world)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Decision_Confirm_AuditRowWithWhoWhenWhy()
    {
        await using var host = await world.StartAsync();

        var (status, answer) = await ServeHost.ReadAsync(host.PostAsync("/api/alerts/R02:S1/decision", TestKeys.Reviewer, """{"decision":"confirm","note":"病历核实"}"""));

        Assert.Equal(HttpStatusCode.OK, status);
        var row = Assert.Single(await host.Store.DecisionsAsync(None));
        Assert.Equal(("reviewer.demo", "2026-11-01T08:00:00+08:00", "病历核实"), (row.DecidedBy, row.DecidedAt.ToString(), row.Note));
        Assert.Equal((ReviewVerdict.Confirm, ReviewFinding.Rule, "R02:S1", "P0001", "R02", new DateOnly(2026, 3, 1)),
            (row.Verdict, row.Finding, row.AlertId, row.PatientId, row.Rule, row.IncidentDate));
        var decision = answer.GetProperty("decision");
        Assert.Equal("reviewer.demo", decision.GetProperty("decided_by").GetString());
        Assert.Equal("病历核实", decision.GetProperty("note").GetString());
        Assert.False(answer.GetProperty("repeat").GetBoolean());
    }

    [Fact]
    public async Task Decision_SameAgain_RepeatOfTheRecordedOneNotASecondRow()
    {
        await using var host = await world.StartAsync();
        const string body = """{"decision":"dismiss","note":"合理用药"}""";

        await ServeHost.ReadAsync(host.PostAsync("/api/alerts/R01:S1/decision", TestKeys.Reviewer, body));
        var (status, again) = await ServeHost.ReadAsync(host.PostAsync("/api/alerts/R01:S1/decision", TestKeys.Reviewer, body));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(again.GetProperty("repeat").GetBoolean());
        Assert.Single(await host.Store.DecisionsAsync(None));
    }

    [Fact]
    public async Task Decision_SecondIncidentConfirmed_SelfPayPendingThenInForceAfterDetect()
    {
        await using var host = await world.StartAsync();
        await ServeHost.ReadAsync(host.PostAsync("/api/alerts/R02:S1/decision", TestKeys.Reviewer, """{"decision":"confirm","note":"第一次"}"""));

        var (_, answer) = await ServeHost.ReadAsync(host.PostAsync("/api/alerts/R02:S2/decision", TestKeys.Reviewer, """{"decision":"confirm","note":"第二次"}"""));

        var record = answer.GetProperty("integrity");
        Assert.Equal(2, record.GetProperty("confirmed_incidents").GetInt32());
        Assert.Equal("pending", Rung(record, "SELF_PAY"));
        var pending = Assert.Single(record.GetProperty("pending").EnumerateArray());
        Assert.Equal(("SELF_PAY:P0001:20260415", "2027-01-01T00:00:00+08:00", "reviewer.demo"),
            (pending.GetProperty("action_id").GetString(), pending.GetProperty("effective_until").GetString(), pending.GetProperty("decided_by").GetString()));

        // detect --store reads the decisions back and applies the ladder: the same sanction, now recorded.
        var detect = CliRun.Of("detect", "--reference", Paths.Examples, "--events", world.Events, "--out", host.StorePath + ".out", "--store", host.StorePath, "--quiet", "--model", "none");
        Assert.Equal(0, detect.ExitCode);
        var (_, after) = await ServeHost.ReadAsync(host.GetAsync("/api/alerts/R02:S2", TestKeys.Viewer));
        var now = after.GetProperty("integrity");
        Assert.Equal("in_force", Rung(now, "SELF_PAY"));
        Assert.Empty(now.GetProperty("pending").EnumerateArray());
        Assert.Contains(now.GetProperty("actions").EnumerateArray(),
            a => a.GetProperty("action_id").GetString() == "SELF_PAY:P0001:20260415" && a.GetProperty("state").GetString() == "in_force");
        Directory.Delete(host.StorePath + ".out", recursive: true);
    }

    [Fact]
    public async Task Reinstate_Supervisor_AuditedAndTheActionMarkedPending()
    {
        await using var host = await world.StartAsync();

        var (status, answer) = await ServeHost.ReadAsync(host.PostAsync("/api/actions/WARNING:P0001:20260301/reinstate", TestKeys.Supervisor, """{"note":"复核撤销"}"""));

        Assert.Equal(HttpStatusCode.OK, status);
        var row = Assert.Single(await host.Store.DecisionsAsync(None));
        Assert.Equal((ReviewVerdict.Reinstate, "WARNING:P0001:20260301", "supervisor.demo", "复核撤销"), (row.Verdict, row.ActionId, row.DecidedBy, row.Note));
        var warning = answer.GetProperty("integrity").GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("action").GetString() == "WARNING");
        Assert.True(warning.GetProperty("reinstatement_pending").GetBoolean());
        Assert.Equal("REINSTATE:WARNING:P0001:20260301", answer.GetProperty("integrity").GetProperty("pending")[0].GetProperty("action_id").GetString());
    }

    [Fact]
    public async Task Decision_FacilityAlert_RecordedWithoutAPatientRecord()
    {
        await using var host = await world.StartAsync();

        var (status, answer) = await ServeHost.ReadAsync(host.PostAsync("/api/alerts/R12:F320705002:2026-03/decision", TestKeys.Reviewer, """{"decision":"confirm","note":"均次偏高属实"}"""));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("integrity").ValueKind);
        Assert.Equal("", Assert.Single(await host.Store.DecisionsAsync(None)).PatientId);
    }

    [Fact]
    public async Task Requests_WithKeysAndDecisions_LogNamesNoKeyAndNoPatient()
    {
        await using var host = await world.StartAsync();
        foreach (var key in TestKeys.All)
        {
            (await host.GetAsync("/api/alerts/R02:S1", key)).Dispose();
        }

        await ServeHost.ReadAsync(host.PostAsync("/api/alerts/R02:S1/decision", TestKeys.Reviewer, """{"decision":"confirm","note":"x"}"""));
        await ServeHost.ReadAsync(host.PostAsync("/api/actions/WARNING:P0001:20260301/reinstate", TestKeys.Supervisor, """{"note":"y"}"""));
        await ServeHost.ReadAsync(host.PostAsync("/api/actions/SUSPEND:P0002:S0003/reinstate", TestKeys.OffRoster, """{"note":"z"}"""));

        var log = host.Log;
        Assert.Contains("decision recorded: confirm on R02 by reviewer.demo", log, StringComparison.Ordinal);
        Assert.Contains("decision recorded: reinstate on R01 by supervisor.demo", log, StringComparison.Ordinal);
        Assert.All(TestKeys.All, key => Assert.DoesNotContain(key, log, StringComparison.Ordinal));
        Assert.DoesNotContain("P0001", log, StringComparison.Ordinal);
        Assert.DoesNotContain("P0002", log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rule=R02", new[] { "R02:S2", "R02:S0004", "R02:S1", "R02:W1" })]
    [InlineData("severity=high", new[] { "R05:S0003", "R06:S0003" })]
    [InlineData("region=320703", new[] { "R05:S0003", "R06:S0003" })]
    [InlineData("facility=F320703001&rule=R05", new[] { "R05:S0003" })]
    [InlineData("status=withdrawn", new[] { "R02:W1" })]
    [InlineData("rule=R01&limit=2", new[] { "R01:S3", "R01:S2" })]
    [InlineData("region=999999", new string[0])]
    public async Task List_Filters_MatchingAlertsNewestFirst(string query, string[] expected)
    {
        var (status, list) = await ServeHost.ReadAsync(world.Shared.GetAsync("/api/alerts?" + query, TestKeys.Viewer));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, list.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("alert_id").GetString()).ToArray());
    }

    [Fact]
    public async Task Show_Alert_EvidenceAndThePatientsIntegrityRecord()
    {
        var (_, detail) = await ServeHost.ReadAsync(world.Shared.GetAsync("/api/alerts/R02:S1", TestKeys.Viewer));

        var alert = detail.GetProperty("alert");
        Assert.Equal(31, alert.GetProperty("evidence").GetProperty("lines")[0].GetProperty("days_supply").GetInt32());
        Assert.Equal(JsonValueKind.Null, alert.GetProperty("review").ValueKind);
        var record = detail.GetProperty("integrity");
        Assert.Equal("P0001", record.GetProperty("patient_id").GetString());
        Assert.Equal(0, record.GetProperty("confirmed_incidents").GetInt32());
        Assert.Equal(["in_force", "not_reached", "not_reached", "not_reached"], record.GetProperty("ladder").EnumerateArray().Select(s => s.GetProperty("state").GetString()));
        Assert.Equal(["2026-03-01", "2026-04-15", "2026-05-20"], record.GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("date").GetString()));
        Assert.Equal("WARNING:P0001:20260301", Assert.Single(record.GetProperty("actions").EnumerateArray()).GetProperty("action_id").GetString());
    }

    private static string? Rung(JsonElement record, string rung) =>
        record.GetProperty("ladder").EnumerateArray().Single(s => s.GetProperty("rung").GetString() == rung).GetProperty("state").GetString();
}
