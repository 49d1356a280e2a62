using System.CommandLine;
using ChronicCare.Monitor.Cli.Commands;
using ChronicCare.Monitor.Cli.Terminal;

namespace ChronicCare.Monitor.Cli;

/// <summary>The <c>chroniccare</c> command: one program for every job.</summary>
internal static class ChronicCareCli
{
    public static RootCommand Build(CliContext cli) => new("ChronicCare Monitor: fraud and anomaly detection for outpatient chronic-disease insurance settlements")
    {
        DemoCommand.Create(cli),
        DetectCommand.Create(cli),
        SimulateCommand.Create(cli),
        ImportSyntheaCommand.Create(cli),
        EvaluateCommand.Create(cli),
        BenchCommand.Create(cli),
        RunCommand.Create(cli),
        ProduceCommand.Create(cli),
        RecordCommand.Create(cli),
        CloseMonthCommand.Create(cli),
        TriageCommand.Create(cli),
        ServeCommand.Create(cli),
        ReportCommand.Create(cli),
        TrainCommand.Create(cli),
        OutlierBenchCommand.Create(cli),
        MigrateCommand.Create(cli),
    };

    public static async Task<int> RunAsync(string[] args, CliContext cli)
    {
        var root = Build(cli);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            cli.Error.WriteLine($"chroniccare: {parsed.Errors[0].Message} (see chroniccare --help)");
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = cli.Out, Error = cli.Error, ProcessTerminationTimeout = TimeSpan.FromSeconds(30) }).ConfigureAwait(false);
    }
}
