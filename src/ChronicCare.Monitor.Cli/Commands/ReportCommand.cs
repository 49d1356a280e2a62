using System.CommandLine;
using ChronicCare.Monitor.Cli.Analytics;
using ChronicCare.Monitor.Cli.Terminal;

namespace ChronicCare.Monitor.Cli.Commands;

/// <summary><c>chroniccare report --month YYYY-MM [--region CODE] --out FILE.html (--store FILE | --clickhouse URL)</c>.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext cli)
    {
        var month = new Option<string>("--month") { Description = "The month, YYYY-MM", Required = true };
        var region = new Option<string?>("--region") { Description = "Only this region: a prefix of the 6-digit code (3207 = a city)" };
        var output = new Option<string>("--out") { Description = "The HTML file to write; the same figures go to FILE.json beside it", Required = true };
        var policy = new Option<string?>("--policy") { Description = "Policy file or folder (peer groups of the cost tables)" };
        var store = new StoreArguments();
        var command = new Command("report", "Write the monthly operation analysis report (HTML with charts, and JSON)")
        {
            month, region, output, policy,
        };
        store.AddTo(command);
        command.SetAction(async (pr, ct) => await CommandRunner.RunAsync(cli.Error, async () =>
        {
            var (html, json) = await ReportJob.RunAsync(store.Read(pr, required: true)!, pr.GetValue(month)!, pr.GetValue(region), pr.GetValue(policy),
                pr.GetValue(output)!, cli.Time, ct).ConfigureAwait(false);
            cli.Out.WriteLine($"report: {html}");
            cli.Out.WriteLine($"report: {json}");
            return ExitCodes.Ok;
        }).ConfigureAwait(false));
        return command;
    }
}
