using System.CommandLine;
using ChronicCare.Monitor.Cli.Analytics;
using ChronicCare.Monitor.Cli.Serving;
using ChronicCare.Monitor.Kafka;

namespace ChronicCare.Monitor.Cli.Commands;

/// <summary>
/// <c>chroniccare serve (--store FILE | --clickhouse URL) [--keys FILE] [--port N] [--host H] [--reviewers FILE]</c>:
/// the triage API and page (issue 7). Decisions are checked and audited as with <c>triage</c>.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliContext cli)
    {
        var keys = new Option<string>("--keys") { Description = "API keys: users, roles (viewer, reviewer, supervisor) and the SHA-256 of each key", DefaultValueFactory = _ => Path.Combine("pipelines", "api-keys.json") };
        var port = new Option<int>("--port") { Description = "TCP port (0 = any free port)", DefaultValueFactory = _ => 8080 };
        var host = new Option<string>("--host") { Description = "Address to listen on (0.0.0.0 for every interface)", DefaultValueFactory = _ => "127.0.0.1" };
        var roster = new Option<string>("--reviewers") { Description = "Roster of the users authorised to triage (as for `triage` and `run`)", DefaultValueFactory = _ => Path.Combine("pipelines", "reviewers.json") };
        var policy = new Option<string?>("--policy") { Description = "Policy file or folder: the ladder's numbers (default: the built-in default policy)" };
        var kafka = new Option<string?>("--kafka") { Description = "Also publish each decision to the events topic, for a running `run`" };
        var events = new Option<string>("--topic-events") { Description = "Events topic", DefaultValueFactory = _ => new KafkaTopics().Events };
        var allowDemo = new Option<bool>("--allow-demo-keys") { Description = "Serve beyond loopback although the keys file still holds the published demo keys (never with real data)" };
        var store = new StoreArguments();
        var command = new Command("serve", "Serve the triage API and page: list and show alerts, confirm, dismiss, reinstate (audited)")
        {
            keys, port, host, roster, policy, kafka, events, allowDemo,
        };
        store.AddTo(command);
        command.SetAction(async (pr, ct) => await CommandRunner.RunAsync(cli.Error, () =>
            ServeJob.RunAsync(store.Read(pr, required: true)!, pr.GetValue(host)!, pr.GetValue(port), pr.GetValue(keys)!, pr.GetValue(roster)!, pr.GetValue(policy),
                pr.GetValue(kafka), pr.GetValue(events)!, pr.GetValue(allowDemo), cli, ct)).ConfigureAwait(false));
        return command;
    }
}
