using System.CommandLine;
using ChronicCare.Monitor.Cli.Benchmarks;
using ChronicCare.Monitor.Cli.Terminal;

namespace ChronicCare.Monitor.Cli.Commands;

/// <summary><c>chroniccare bench detect|stream|analytics</c>: throughput, latency and memory figures with ratios.</summary>
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
        return new Command("bench", "Benchmarks that print figures and ratios") { detect, Stream(cli), Analytics(cli) };
    }

    private static Command Analytics(CliContext cli)
    {
        var reference = new Option<string>("--reference") { Description = "Reference folder", Required = true };
        var events = new Option<string>("--events") { Description = "Events JSONL file", Required = true };
        var clickHouse = new Option<string?>("--clickhouse") { Description = "Also measure a ClickHouse store at this URL (a new database per run)" };
        var analytics = new Command("analytics", "detect with and without --store, the stores' bulk write and replay in rows/s, month close and report")
        {
            reference, events, clickHouse,
        };
        analytics.SetAction(async (pr, ct) => await CommandRunner.RunAsync(cli.Error, async () =>
        {
            if (!File.Exists(pr.GetValue(events)))
            {
                throw new FileNotFoundException($"events file not found: {pr.GetValue(events)}");
            }

            var ch = pr.GetValue(clickHouse) is { } url ? new ClickHouse.ClickHouseOptions { Url = ClickHouse.ClickHouseOptions.ParseUrl(url) }.Validate() : null;
            await AnalyticsBenchmark.RunAsync(pr.GetValue(reference)!, pr.GetValue(events)!, ch, cli.Out, cli.Error, ct).ConfigureAwait(false);
            return ExitCodes.Ok;
        }).ConfigureAwait(false));
        return analytics;
    }

    private static Command Stream(CliContext cli)
    {
        var kafka = new Option<string>("--kafka") { Description = "Kafka bootstrap servers (scripts/stack.sh start prints them)", Required = true };
        var redis = new Option<string>("--redis") { Description = "Redis HOST:PORT", Required = true };
        var patients = new Option<int>("--patients") { Description = "Simulated patients", DefaultValueFactory = _ => 20_000 };
        var months = new Option<int>("--months") { Description = "Simulated months", DefaultValueFactory = _ => 12 };
        var seed = new Option<int>("--seed") { Description = "Simulation seed", DefaultValueFactory = _ => 7 };
        var rate = new Option<int>("--rate") { Description = "Events/s of the latency phase", DefaultValueFactory = _ => 10_000 };
        var seconds = new Option<int>("--seconds") { Description = "Length of the latency phase", DefaultValueFactory = _ => 15 };
        var stream = new Command("stream", "run end to end (produce, engine, Redis, alerts topic) against a bare consume, and produce-to-alert latency at a fixed rate")
        {
            kafka, redis, patients, months, seed, rate, seconds,
        };
        stream.SetAction((pr, ct) => Task.FromResult(CommandRunner.Run(cli.Error, () =>
        {
            if (pr.GetValue(rate) < 1 || pr.GetValue(seconds) < 1)
            {
                throw new ArgumentException("--rate and --seconds must be positive");
            }

            StreamBenchmark.Run(new StreamBenchmark.Options(pr.GetValue(kafka)!, pr.GetValue(redis)!, pr.GetValue(patients), pr.GetValue(months), pr.GetValue(seed), pr.GetValue(rate), pr.GetValue(seconds)), cli.Out, cli.Error, ct);
            return ExitCodes.Ok;
        })));
        return stream;
    }
}
