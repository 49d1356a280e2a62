using System.CommandLine;
using ChronicCare.Monitor.Cli.Analytics;
using ChronicCare.Monitor.Cli.Streaming;
using ChronicCare.Monitor.Cli.Terminal;

namespace ChronicCare.Monitor.Cli.Commands;

/// <summary><c>chroniccare record --kafka B --group NAME (--store FILE | --clickhouse URL)</c>: the events topic into the analytics store.</summary>
internal static class RecordCommand
{
    public static Command Create(CliContext cli)
    {
        var kafka = new Option<string>("--kafka") { Description = "Kafka bootstrap servers (host:port,...)", Required = true };
        var group = new Option<string>("--group") { Description = "Consumer group of the recorders (not the detection group)", DefaultValueFactory = _ => "chroniccare-analytics" };
        var maxBatch = new Option<int>("--max-batch") { Description = "Most events per store write", DefaultValueFactory = _ => 50_000 };
        var maxWait = new Option<int>("--max-batch-wait-ms") { Description = "Longest wait for a batch before writing it", DefaultValueFactory = _ => 1_000 };
        var idle = new Option<int?>("--exit-when-idle-ms") { Description = "Stop once caught up and idle this long; default: run until SIGTERM" };
        var topics = TopicOptions.Create();
        var store = new StoreArguments();
        var command = new Command("record", "Record the events topic into the analytics store (settlements, lines, reversals, stays, enrolments)")
        {
            kafka, group, maxBatch, maxWait, idle,
        };
        store.AddTo(command);
        topics.AddTo(command);
        command.SetAction(async (pr, ct) => await CommandRunner.RunAsync(cli.Error, async () =>
        {
            var s = await RecordJob.RunAsync(pr.GetValue(kafka)!, pr.GetValue(group)!, topics.Read(pr), store.Read(pr, required: true)!, pr.GetValue(maxBatch),
                TimeSpan.FromMilliseconds(pr.GetValue(maxWait)), pr.GetValue(idle) is { } ms ? TimeSpan.FromMilliseconds(ms) : null, cli.Error, ct).ConfigureAwait(false);
            cli.Out.WriteLine($"record: {s.Events:N0} events recorded ({s.Skipped:N0} skipped), {s.Batches:N0} store writes in {s.Elapsed.TotalSeconds:0.0} s");
            return ExitCodes.Ok;
        }).ConfigureAwait(false));
        return command;
    }
}
