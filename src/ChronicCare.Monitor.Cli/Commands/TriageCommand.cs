using System.CommandLine;
using ChronicCare.Monitor.Analytics.Triage;
using ChronicCare.Monitor.Cli.Analytics;
using ChronicCare.Monitor.Cli.Streaming;
using ChronicCare.Monitor.Cli.Terminal;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Cli.Commands;

/// <summary>
/// <c>chroniccare triage --alert ID --decision confirm|dismiss [--finding rule|fraud|resale] --by USER [--note TEXT]</c>
/// and <c>chroniccare triage --action ID --decision reinstate --by USER --note TEXT</c> (contract §5, issue 5).
/// </summary>
internal static class TriageCommand
{
    public static Command Create(CliContext cli)
    {
        var alert = new Option<string?>("--alert") { Description = "The alert to confirm or dismiss" };
        var action = new Option<string?>("--action") { Description = "The action to reinstate (with --decision reinstate)" };
        var decision = new Option<string>("--decision") { Description = "confirm, dismiss or reinstate", Required = true };
        decision.AcceptOnlyFromAmong("confirm", "dismiss", "reinstate");
        var finding = new Option<string>("--finding") { Description = "What a confirmation found: rule (the alert's own finding), fraud or resale (supervisor only)", DefaultValueFactory = _ => "rule" };
        finding.AcceptOnlyFromAmong("rule", "fraud", "resale");
        var by = new Option<string>("--by") { Description = "The authorised reviewer's user id (audited)", Required = true };
        var note = new Option<string?>("--note") { Description = "Why (audited; required to reinstate)" };
        var roster = new Option<string>("--reviewers") { Description = "Roster of authorised users and roles", DefaultValueFactory = _ => Path.Combine("pipelines", "reviewers.json") };
        var kafka = new Option<string?>("--kafka") { Description = "Also publish the decision to the events topic, for a running `run`" };
        var outFile = new Option<string?>("--out") { Description = "Also append the decision to this JSONL file, for `detect --reviews`" };
        var topics = TopicOptions.Create();
        var store = new StoreArguments();
        var command = new Command("triage", "Record a reviewer's decision on an alert, or reinstate an action; sanctions follow (contract section 5)")
        {
            alert, action, decision, finding, by, note, roster, kafka, outFile,
        };
        store.AddTo(command);
        topics.AddTo(command);
        command.SetAction(async (pr, ct) => await CommandRunner.RunAsync(cli.Error, async () =>
        {
            var verdict = pr.GetValue(decision) switch
            {
                "confirm" => ReviewVerdict.Confirm,
                "dismiss" => ReviewVerdict.Dismiss,
                _ => ReviewVerdict.Reinstate,
            };
            if ((verdict == ReviewVerdict.Reinstate) != (pr.GetValue(action) is not null) || (verdict != ReviewVerdict.Reinstate) != (pr.GetValue(alert) is not null))
            {
                throw new ArgumentException("--decision confirm|dismiss takes --alert ID; --decision reinstate takes --action ID");
            }

            var request = new TriageRequest(pr.GetValue(alert), pr.GetValue(action), verdict, pr.GetValue(finding) switch
            {
                "fraud" => ReviewFinding.Fraud,
                "resale" => ReviewFinding.Resale,
                _ => ReviewFinding.Rule,
            }, pr.GetValue(by)!, pr.GetValue(note));
            var outcome = await TriageJob.RunAsync(store.Read(pr, required: true)!, request, pr.GetValue(roster)!, pr.GetValue(kafka), topics.Read(pr).Events,
                pr.GetValue(outFile), cli.Time, ct).ConfigureAwait(false);
            var d = outcome.Decision;
            cli.Out.WriteLine($"triage: {ReviewJson.VerdictName(d.Verdict)} {d.AlertId ?? d.ActionId} by {d.DecidedBy} at {d.DecidedAt}"
                + (outcome.Repeat ? " (already recorded: the same decision sent again)" : "")
                + (d.PatientId.Length == 0 ? " (facility alert: recorded, no patient sanction)" : ""));
            return ExitCodes.Ok;
        }).ConfigureAwait(false));
        return command;
    }
}
