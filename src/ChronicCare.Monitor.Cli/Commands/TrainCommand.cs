using System.CommandLine;
using ChronicCare.Monitor.Cli.Outliers;
using ChronicCare.Monitor.Cli.Terminal;

namespace ChronicCare.Monitor.Cli.Commands;

/// <summary><c>chroniccare train --reference DIR --events FILE --out models/outlier-vN [--labels FILE] [--kind auto|isolation_forest|pca] [--seed S]</c>.</summary>
internal static class TrainCommand
{
    public static Command Create(CliContext cli)
    {
        var reference = new Option<string>("--reference") { Description = "Folder with the training events' reference files", Required = true };
        var events = new Option<string>("--events") { Description = "Training events JSONL (any order)", Required = true };
        var output = new Option<string>("--out") { Description = "The model's version folder, models/outlier-vN (model.json and the model card README.md)", Required = true };
        var policy = new Option<string?>("--policy") { Description = "Policy file or folder: outlier.target_alert_rate calibrates the threshold (default: the built-in policy)" };
        var labels = new Option<string?>("--labels") { Description = "Labels JSONL to evaluate against (default: labels.jsonl beside the events, if there)" };
        var kind = new Option<string>("--kind") { Description = "auto (the better on the held-out labelled deviations), isolation_forest or pca", DefaultValueFactory = _ => "auto" };
        var seed = new Option<ulong>("--seed") { Description = "Random seed: the same seed and data give the same model", DefaultValueFactory = _ => 42 };
        var trees = new Option<int>("--trees") { Description = "Isolation Forest trees", DefaultValueFactory = _ => 200 };
        var odds = new Option<string?>("--odds") { Description = "ODDS tables to benchmark for the model card (default: ../shared/datasets/odds if there; none = skip)" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress on stderr" };
        var featuresCsv = new Option<string?>("--features-csv") { Description = "Also write every training settlement's raw features to this CSV" };
        var command = new Command("train", "Train the outlier model (R15) and write its version folder with a model card")
        {
            reference, events, output, policy, labels, kind, seed, trees, odds, quiet, featuresCsv,
        };
        command.SetAction((pr, ct) => Task.FromResult(CommandRunner.Run(cli.Error, () =>
        {
            var options = new TrainOptions(pr.GetValue(reference)!, pr.GetValue(events)!, pr.GetValue(output)!, pr.GetValue(policy), pr.GetValue(labels),
                pr.GetValue(kind)!, pr.GetValue(seed), pr.GetValue(trees), pr.GetValue(odds), !pr.GetValue(quiet), pr.GetValue(featuresCsv));
            var summary = TrainJob.Run(options, cli.Error, cli.Time, ct);
            summary.Print(cli.Out);
            cli.Out.WriteLine($"written: {Path.Combine(options.OutDir, ModelLocator.FileName)}, {Path.Combine(options.OutDir, "README.md")}");
            return ExitCodes.Ok;
        })));
        return command;
    }
}
