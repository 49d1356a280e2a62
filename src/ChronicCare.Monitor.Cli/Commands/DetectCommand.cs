using System.CommandLine;
using ChronicCare.Monitor.Cli.Detection;
using ChronicCare.Monitor.Cli.Terminal;

namespace ChronicCare.Monitor.Cli.Commands;

/// <summary><c>chroniccare detect --reference DIR --events FILE --out DIR [--policy PATH]</c> (contract §7).</summary>
internal static class DetectCommand
{
    public static Command Create(CliContext cli)
    {
        var reference = new Option<string>("--reference") { Description = "Folder with facilities, drugs, diseases and patients JSONL", Required = true };
        var events = new Option<string>("--events") { Description = "Events JSONL file (any order)", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder for alerts.jsonl, actions.jsonl, dead-letter.jsonl", Required = true };
        var policy = new Option<string?>("--policy") { Description = "Policy file or folder (default: the built-in default policy)" };
        var threads = new Option<int>("--threads") { Description = "Cores to use (0 = all)", DefaultValueFactory = _ => 0 };
        var flushEvery = new Option<int>("--flush-every") { Description = "Events between engine flushes (memory bound; results do not depend on it)", DefaultValueFactory = _ => 500_000 };
        var quiet = new Option<bool>("--quiet") { Description = "No progress on stderr" };
        var reviews = new Option<string?>("--reviews") { Description = "Triage decisions JSONL (from `chroniccare triage --out`), applied with the events" };
        var model = new Option<string?>("--model") { Description = "R15's outlier model: a model.json, its folder, a folder of outlier-vN versions (the highest is used), or none (default: ./models, else the models shipped with the program)" };
        var store = new Analytics.StoreArguments();
        var command = new Command("detect", "Run the rule engine over reference and event files (batch mode)")
        {
            reference, events, output, policy, threads, flushEvery, quiet, reviews, model,
        };
        store.AddTo(command);
        command.SetAction((pr, ct) => Task.FromResult(CommandRunner.Run(cli.Error, () =>
        {
            var options = new DetectOptions(pr.GetValue(reference)!, pr.GetValue(events)!, pr.GetValue(output)!, pr.GetValue(policy),
                pr.GetValue(threads), pr.GetValue(flushEvery), !pr.GetValue(quiet), pr.GetValue(reviews), store.Read(pr, required: false), pr.GetValue(model));
            var summary = DetectJob.Run(options, cli.Error, cli.Time, ct);
            summary.Print(cli.Out);
            cli.Out.WriteLine($"output: {Path.Combine(options.OutDir, "alerts.jsonl")}, actions.jsonl, dead-letter.jsonl");
            return ExitCodes.Ok;
        })));
        return command;
    }
}
