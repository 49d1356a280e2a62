using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ChronicCare.Monitor.Cli.Outliers;
using ChronicCare.Monitor.Cli.Terminal;
using ChronicCare.Monitor.Files;
using ChronicCare.Monitor.Modeling.Odds;

namespace ChronicCare.Monitor.Cli.Commands;

/// <summary>
/// <c>chroniccare outlier-bench [--odds DIR] [--splits N] [--seed S] [--trees N] [--out FILE.md]</c>: the R15 outlier
/// models on the ODDS tables against PyOD's published figures. The table goes to stdout (and FILE.md), progress to stderr.
/// </summary>
internal static class OutlierBenchCommand
{
    public static Command Create(CliContext cli)
    {
        var odds = new Option<string>("--odds") { Description = "Folder of the ODDS CSV tables", DefaultValueFactory = _ => Path.Combine("..", "shared", "datasets", "odds") };
        var splits = new Option<int>("--splits") { Description = "Random 60/40 train/test splits per table", DefaultValueFactory = _ => 10 };
        var seed = new Option<ulong>("--seed") { Description = "Random seed: the same seed gives the same figures", DefaultValueFactory = _ => 42 };
        var trees = new Option<int>("--trees") { Description = "Isolation Forest trees", DefaultValueFactory = _ => 200 };
        var output = new Option<string?>("--out") { Description = "Also write the tables as Markdown to this file" };
        var model = new Option<string?>("--model") { Description = "The model whose recall and speed the simulator section measures (as detect's --model)" };
        var patients = new Option<int>("--simulate-patients") { Description = "Patients of the simulated city the model never saw (0 = skip that section)", DefaultValueFactory = _ => 30_000 };
        var simSeed = new Option<int>("--simulate-seed") { Description = "Seed of that city (the committed model was trained on seed 101)", DefaultValueFactory = _ => 7 };
        var fraud = new Option<double>("--simulate-fraud-rate") { Description = "Share of its patients given a labelled deviation", DefaultValueFactory = _ => 0.05 };
        var command = new Command("outlier-bench", "Benchmark the outlier models: ODDS tables against PyOD's published ROC-AUC, then R15's recall and speed on a simulated city")
        {
            odds, splits, seed, trees, output, model, patients, simSeed, fraud,
        };
        command.SetAction((pr, ct) => Task.FromResult(CommandRunner.Run(cli.Error, () =>
        {
            var options = new OddsBenchmarkOptions(pr.GetValue(odds)!, pr.GetValue(splits), pr.GetValue(seed), pr.GetValue(trees));
            var result = RunOdds(cli, options, ct);
            var markdown = "## ODDS tables\n\n" + result.Markdown();
            if (pr.GetValue(patients) is > 0 and var n)
            {
                var sim = SimulatedBench.Run(pr.GetValue(model), n, pr.GetValue(simSeed), pr.GetValue(fraud), cli.Error, ct);
                cli.Out.WriteLine();
                cli.Out.Write(sim.Markdown());
                markdown += "\n## Simulated city\n\n" + sim.Markdown();
            }

            if (pr.GetValue(output) is { } file)
            {
                File.WriteAllText(file, markdown);
                cli.Error.WriteLine($"outlier-bench: wrote {file}");
            }

            return ExitCodes.Ok;
        })));
        return command;
    }

    /// <summary>The ODDS section on its own: prints the table.</summary>
    public static OddsBenchmarkResult RunOdds(CliContext cli, OddsBenchmarkOptions options, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        OddsBenchmarkResult result;
        try
        {
            result = OddsBenchmark.Run(options, line => cli.Error.WriteLine($"outlier-bench: {line}"), ct);
        }
        catch (InvalidDataException ex)
        {
            // A malformed table is bad input, not a crash: one line naming the file and line, exit 3.
            throw new InputException(ex.Message, ex);
        }

        result.Print(cli.Out);
        cli.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"outlier-bench: {result.Tables.Count} tables in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"));
        return result;
    }
}
