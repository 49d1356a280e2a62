using System.CommandLine;
using ChronicCare.Monitor.Cli.Streaming;
using ChronicCare.Monitor.Cli.Terminal;
using ChronicCare.Monitor.Simulation;

namespace ChronicCare.Monitor.Cli.Commands;

/// <summary><c>chroniccare produce --kafka BOOTSTRAP (--events FILE --reference DIR | --simulate ...) [--rate N]</c> (issue 4).</summary>
internal static class ProduceCommand
{
    public static Command Create(CliContext cli)
    {
        var kafka = new Option<string>("--kafka") { Description = "Kafka bootstrap servers", Required = true };
        var events = new Option<string?>("--events") { Description = "Events JSONL file" };
        var reference = new Option<string?>("--reference") { Description = "Folder with facilities, drugs, diseases and patients JSONL (omit to publish events only)" };
        var simulate = new Option<bool>("--simulate") { Description = "Publish a simulated city instead of files (see --patients, --months, --seed)" };
        var patients = new Option<int>("--patients") { Description = "With --simulate: patients", DefaultValueFactory = _ => 10_000 };
        var months = new Option<int>("--months") { Description = "With --simulate: months", DefaultValueFactory = _ => 12 };
        var seed = new Option<int>("--seed") { Description = "With --simulate: seed", DefaultValueFactory = _ => 1 };
        var rate = new Option<int?>("--rate") { Description = "Events per second (default: as fast as Kafka takes them)" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress on stderr" };
        var topics = TopicOptions.Create();
        var command = new Command("produce", "Publish reference data and events to Kafka, keyed by patient")
        {
            kafka, events, reference, simulate, patients, months, seed, rate, quiet,
        };
        topics.AddTo(command);
        command.SetAction((pr, ct) => Task.FromResult(CommandRunner.Run(cli.Error, () =>
        {
            string? referenceDir;
            string eventsFile;
            string? temp = null;
            if (pr.GetValue(simulate))
            {
                if (pr.GetValue(events) is not null || pr.GetValue(reference) is not null)
                {
                    throw new ArgumentException("give either --simulate or --events with --reference, not both");
                }

                temp = Directory.CreateTempSubdirectory("chroniccare-produce-").FullName;
                SimulateCommand.Run(cli, new SimulationOptions(temp, pr.GetValue(patients), pr.GetValue(months), pr.GetValue(seed), 0.02), !pr.GetValue(quiet), ct);
                (referenceDir, eventsFile) = (temp, Path.Combine(temp, "events.jsonl"));
            }
            else
            {
                // Without --reference only events are published (appending to a stream whose reference is already there).
                referenceDir = pr.GetValue(reference);
                eventsFile = pr.GetValue(events) ?? throw new ArgumentException("--events is required (or --simulate)");
            }

            try
            {
                var s = ProduceJob.Run(pr.GetValue(kafka)!, topics.Read(pr), referenceDir, eventsFile, pr.GetValue(rate), !pr.GetValue(quiet), cli.Error, ct);
                cli.Out.WriteLine($"produced {s.ReferenceRecords:N0} reference records and {s.Events:N0} events ({s.Unkeyed:N0} unkeyed) in {s.Elapsed.TotalSeconds:F1} s ({s.Events / Math.Max(s.Elapsed.TotalSeconds, 1e-3):N0} events/s)");
                return ExitCodes.Ok;
            }
            finally
            {
                if (temp is not null)
                {
                    Directory.Delete(temp, recursive: true);
                }
            }
        })));
        return command;
    }
}
