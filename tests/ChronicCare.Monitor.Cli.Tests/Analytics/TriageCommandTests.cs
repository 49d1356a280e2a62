using System.Text.Json;
using ChronicCare.Monitor.Cli.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Cli.Tests.Analytics;

/// <summary>
/// The embedded triage loop, end to end through the command (contract §5, issue 5): detect records into a SQLite
/// store, a reviewer confirms two incidents, the next detect applies SELF_PAY to later settlements (R06); the roster
/// refuses unauthorised users; a supervisor's reinstatement ends the sanction. The clock of <see cref="CliRun"/> is
/// 2026-11-01T00:00Z, so every decision is made at 2026-11-01T08:00+08:00.
/// </summary>
public sealed class TriageCommandTests : IDisposable
{
    private readonly string _dir = Paths.TempDir();

    private string Store => Path.Combine(_dir, "analytics.db");

    private string Roster => Path.Combine(Paths.Repo, "pipelines", "reviewers.json");

    [Fact]
    public void Triage_SecondConfirmedIncident_SelfPayJudgesLaterSettlements()
    {
        var events = WriteEvents();
        Assert.Equal(0, Detect(events, "out1").ExitCode);
        Assert.Contains("WARNING:P0001:20260301", InForce("out1"));

        Assert.Equal(0, Triage("--alert", "R02:S1", "--decision", "confirm", "--by", "reviewer.demo", "--note", "病历核实").ExitCode);
        var second = Triage("--alert", "R02:S2", "--decision", "confirm", "--by", "reviewer.demo");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("confirm R02:S2 by reviewer.demo at 2026-11-01T08:00:00+08:00", second.Out, StringComparison.Ordinal);

        Assert.Equal(0, Detect(events, "out2").ExitCode);
        Assert.Contains("SELF_PAY:P0001:20260415", InForce("out2"));
        var open = OpenAlerts("out2");
        Assert.Contains("R06:S4", open);       // 2026-11-15, fund paid: after the confirmation
        Assert.DoesNotContain("R06:S3", open); // 2026-05-20: before it
    }

    [Fact]
    public void Triage_UserNotInRoster_RefusedWithExit4AndNothingRecorded()
    {
        var events = WriteEvents();
        Assert.Equal(0, Detect(events, "out1").ExitCode);

        var run = Triage("--alert", "R02:S1", "--decision", "confirm", "--by", "mallory");
        Assert.Equal(4, run.ExitCode);
        Assert.Contains("'mallory' is not authorised", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));

        var fraud = Triage("--alert", "R02:S1", "--decision", "confirm", "--finding", "fraud", "--by", "reviewer.demo");
        Assert.Equal(4, fraud.ExitCode);
        Assert.Contains("supervisor", fraud.Error, StringComparison.Ordinal);

        Assert.Equal(0, Detect(events, "out2").ExitCode);
        Assert.Equal(["WARNING:P0001:20260301"], InForce("out2"));
    }

    [Fact]
    public void Triage_UnknownAlertOrBadArguments_ClearErrors()
    {
        Assert.Equal(0, Detect(WriteEvents(), "out1").ExitCode);

        var unknown = Triage("--alert", "R02:NOPE", "--decision", "confirm", "--by", "reviewer.demo");
        Assert.Equal(4, unknown.ExitCode);
        Assert.Contains("R02:NOPE is not in the analytics store", unknown.Error, StringComparison.Ordinal);

        var mixed = Triage("--action", "WARNING:P0001:20260301", "--decision", "confirm", "--by", "reviewer.demo");
        Assert.Equal(2, mixed.ExitCode);

        var noNote = Triage("--action", "WARNING:P0001:20260301", "--decision", "reinstate", "--by", "supervisor.demo");
        Assert.Equal(2, noNote.ExitCode);
        Assert.Contains("--note", noNote.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Triage_FraudThenSupervisorReinstatesCancel_AuditedAndEnded()
    {
        var events = WriteEvents();
        Assert.Equal(0, Detect(events, "out1").ExitCode);
        Assert.Equal(0, Triage("--alert", "R02:S1", "--decision", "confirm", "--finding", "resale", "--by", "supervisor.demo", "--note", "倒卖药品").ExitCode);
        Assert.Equal(0, Detect(events, "out2").ExitCode);
        Assert.Equal(["BAN:P0001:R02:S1", "CANCEL:P0001:R02:S1", "REFERRAL:P0001:R02:S1", "WARNING:P0001:20260301"], InForce("out2"));
        Assert.Contains("R06:S4", OpenAlerts("out2"));

        var reviewer = Triage("--action", "CANCEL:P0001:R02:S1", "--decision", "reinstate", "--by", "reviewer.demo", "--note", "x");
        Assert.Equal(4, reviewer.ExitCode);
        foreach (var id in new[] { "CANCEL:P0001:R02:S1", "BAN:P0001:R02:S1" })
        {
            Assert.Equal(0, Triage("--action", id, "--decision", "reinstate", "--by", "supervisor.demo", "--note", "复核撤销").ExitCode);
        }

        Assert.Equal(0, Detect(events, "out3").ExitCode);
        Assert.Equal(["REFERRAL:P0001:R02:S1", "WARNING:P0001:20260301"], InForce("out3"));
        var reinstate = Jsonl(Path.Combine(_dir, "out3", "actions.jsonl")).Single(a => a.GetProperty("action_id").GetString() == "REINSTATE:CANCEL:P0001:R02:S1");
        Assert.Equal("supervisor.demo", reinstate.GetProperty("decided_by").GetString());
        Assert.False(reinstate.GetProperty("automatic").GetBoolean());
        Assert.DoesNotContain("R06:S4", OpenAlerts("out3"));
    }

    [Fact]
    public void Triage_SameDecisionAgain_RepeatsTheRecordedOneInsteadOfASecond()
    {
        // A triage that was recorded but not sent (Kafka down) is simply run again: the same decision, same time.
        Assert.Equal(0, Detect(WriteEvents(), "out1").ExitCode);
        var first = Triage("--alert", "R02:S1", "--decision", "confirm", "--by", "reviewer.demo", "--note", "核实", "--out", Path.Combine(_dir, "reviews.jsonl"));
        var again = Triage("--alert", "R02:S1", "--decision", "confirm", "--by", "reviewer.demo", "--note", "核实", "--out", Path.Combine(_dir, "reviews.jsonl"));
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("(already recorded: the same decision sent again)", again.Out, StringComparison.Ordinal);

        var lines = File.ReadAllLines(Path.Combine(_dir, "reviews.jsonl"));
        Assert.Equal(2, lines.Length);
        Assert.Equal(lines[0], lines[1]);
        Assert.DoesNotContain("already recorded", first.Out, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private CliRun Detect(string events, string outName) =>
        CliRun.Of("detect", "--reference", Paths.Examples, "--events", events, "--out", Path.Combine(_dir, outName), "--store", Store, "--quiet");

    private CliRun Triage(params string[] args) => CliRun.Of(["triage", .. args, "--store", Store, "--reviewers", Roster]);

    private List<string> InForce(string outName)
    {
        var actions = Jsonl(Path.Combine(_dir, outName, "actions.jsonl"));
        var revoked = actions.Where(a => a.GetProperty("action").GetString() == "REINSTATE").Select(a => a.GetProperty("revokes").GetString()).ToHashSet();
        return actions.Where(a => a.GetProperty("action").GetString() != "REINSTATE" && !revoked.Contains(a.GetProperty("action_id").GetString()))
            .Select(a => a.GetProperty("action_id").GetString()!).Order(StringComparer.Ordinal).ToList();
    }

    private List<string> OpenAlerts(string outName) =>
        Jsonl(Path.Combine(_dir, outName, "alerts.jsonl")).Where(a => a.GetProperty("status").GetString() == "open").Select(a => a.GetProperty("alert_id").GetString()!).ToList();

    /// <summary>P0001 of the contract examples: R02 (31 days) on 1 March and 15 April, then plain settlements in May and November.</summary>
    private string WriteEvents()
    {
        var template = File.ReadLines(Path.Combine(Paths.Examples, "events.jsonl")).First();
        string Line(string id, string at, int days) => template.Replace("\"S0001\"", $"\"{id}\"", StringComparison.Ordinal)
            .Replace("2026-03-01T09:12:00+08:00", at, StringComparison.Ordinal)
            .Replace("\"days_supply\":30", $"\"days_supply\":{days}", StringComparison.Ordinal);
        var path = Path.Combine(_dir, "events.jsonl");
        File.WriteAllLines(path,
        [
            Line("S1", "2026-03-01T09:12:00+08:00", 31),
            Line("S2", "2026-04-15T09:12:00+08:00", 31),
            Line("S3", "2026-05-20T09:12:00+08:00", 30),
            Line("S4", "2026-11-15T09:12:00+08:00", 30),
        ]);
        return path;
    }

    private static List<JsonElement> Jsonl(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
}
