using System.CommandLine;
using ChronicCare.Monitor.Cli.Benchmarks;
using ChronicCare.Monitor.Cli.Terminal;

namespace ChronicCare.Monitor.Cli.Commands;

/// <summary><c>chroniccare bench detect --reference DIR --events FILE</c>: throughput and memory figures with ratios.</summary>
internal static class BenchCommand
{
    public static Command Create(CliContext cli)
    {
        var reference = new Option<string>("--reference") { Description = "Reference folder", Required = true };
        var events = new Option<string>("--events") { Description = "Events JSONL file (use at least 1M events)", Required = true };
        var policy = new Option<string?>("--policy") { Description = "Policy file or folder" };
        var detect = new Command("detect", "detect events/s (1 core and all cores) against a bare System.Text.Json parse, and state memory per patient")
        {
            reference, events, policy,
        };
        detect.SetAction(pr => CommandRunner.Run(cli.Error, () =>
        {
            if (!File.Exists(pr.GetValue(events)))
            {
                throw new FileNotFoundException($"events file not found: {pr.GetValue(events)}");
            }

            DetectBenchmark.Run(pr.GetValue(reference)!, pr.GetValue(events)!, pr.GetValue(policy), cli.Out, cli.Error);
            return ExitCodes.Ok;
        }));
        return new Command("bench", "Benchmarks that print figures and ratios") { detect };
    }
}
