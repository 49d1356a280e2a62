using System.CommandLine;
using ChronicCare.Monitor.Cli.Analytics;
using ChronicCare.Monitor.Cli.Streaming;
using ChronicCare.Monitor.Cli.Terminal;

namespace ChronicCare.Monitor.Cli.Commands;

/// <summary><c>chroniccare close-month --month YYYY-MM (--store FILE | --clickhouse URL) [--reference DIR] [--policy PATH] [--kafka B]</c>: R12 and R13.</summary>
internal static class CloseMonthCommand
{
    public static Command Create(CliContext cli)
    {
        var month = new Option<string>("--month") { Description = "The month to judge, YYYY-MM (provisional while it is still running)", Required = true };
        var reference = new Option<string?>("--reference") { Description = "Reference folder: names R13's patients (the store holds pseudonyms); default: the reference topic of --kafka" };
        var policy = new Option<string?>("--policy") { Description = "Policy file or folder (default: the built-in default policy)" };
        var kafka = new Option<string?>("--kafka") { Description = "Publish the alerts emitted to the alerts topic (and read the reference topic when no --reference)" };
        var topics = TopicOptions.Create();
        var store = new StoreArguments();
        var command = new Command("close-month", "Judge a month's cost outliers (R12 facilities, R13 patients) from the analytics store")
        {
            month, reference, policy, kafka,
        };
        store.AddTo(command);
        topics.AddTo(command);
        command.SetAction(async (pr, ct) => await CommandRunner.RunAsync(cli.Error, async () =>
        {
            var r = await CloseMonthJob.RunAsync(store.Read(pr, required: true)!, pr.GetValue(month)!, pr.GetValue(reference), pr.GetValue(policy),
                pr.GetValue(kafka), topics.Read(pr), cli.Time, cli.Error, ct).ConfigureAwait(false);
            cli.Out.WriteLine($"close-month {r.Month}{(r.Provisional ? " (provisional: the month is not over)" : "")}: "
                + $"{r.Facilities:N0} facilities, {r.Patients:N0} patients; R12 {r.FacilityOutliers:N0} open, R13 {r.PatientOutliers:N0} open; "
                + $"{r.Raised:N0} alert records raised or changed, {r.Withdrawn:N0} withdrawn");
            return ExitCodes.Ok;
        }).ConfigureAwait(false));
        return command;
    }
}
