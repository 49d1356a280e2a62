using ChronicCare.Monitor.Analytics;
using System.CommandLine;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Cli.Analytics;
using ChronicCare.Monitor.Cli.Detection;
using ChronicCare.Monitor.Cli.Terminal;
using ChronicCare.Monitor.Simulation;

namespace ChronicCare.Monitor.Cli.Commands;

/// <summary>
/// <c>chroniccare demo</c>: the embedded default, no server needed. Simulates a city (fixed seed, so every run
/// shows the same thing), runs the engine over it exactly as <c>detect</c> does, scores the alerts against the
/// injected fraud, shows a few alerts as a reviewer would read them, and writes the monthly operation analysis
/// report of the simulation's last month from the embedded analytics store (SQLite).
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliContext cli)
    {
        var output = new Option<string?>("--out") { Description = "Working folder (default: a new folder under the system temp folder)" };
        var patients = new Option<int>("--patients") { Description = "Patients in the simulated city", DefaultValueFactory = _ => 5_000 };
        var months = new Option<int>("--months") { Description = "Months simulated", DefaultValueFactory = _ => 12 };
        var command = new Command("demo", "Simulate a city, detect fraud in it with the embedded engine, and show what was found") { output, patients, months };
        command.SetAction((pr, ct) => Task.FromResult(CommandRunner.Run(cli.Error, () =>
        {
            var dir = pr.GetValue(output) ?? Path.Combine(Path.GetTempPath(), $"chroniccare-demo-{DateTime.UtcNow:yyyyMMddHHmmss}");
            var data = Path.Combine(dir, "city");
            var outDir = Path.Combine(dir, "out");
            cli.Out.WriteLine("== 1. simulate a city (seed 2026) ==");
            var sim = new SimulationOptions(data, pr.GetValue(patients), pr.GetValue(months), 2026, 0.03);
            SimulateCommand.Print(cli.Out, sim, SimulateCommand.Run(cli, sim, true, ct));

            cli.Out.WriteLine();
            cli.Out.WriteLine("== 2. chroniccare detect (embedded engine, default policy) ==");
            var store = new StoreChoice(Path.Combine(dir, "analytics.db"), null, null);
            var summary = DetectJob.Run(new DetectOptions(data, Path.Combine(data, "events.jsonl"), outDir, Store: store), cli.Error, cli.Time, ct);
            summary.Print(cli.Out);

            cli.Out.WriteLine();
            cli.Out.WriteLine("== 3. against the injected fraud (chroniccare evaluate) ==");
            EvaluateCommand.Evaluate(Path.Combine(data, "labels.jsonl"), Path.Combine(outDir, "alerts.jsonl"), summary.Settlements).Print(cli.Out);

            cli.Out.WriteLine();
            cli.Out.WriteLine("== 4. a few alerts, as a reviewer reads them ==");
            foreach (var a in summary.Alerts.Where(a => a.Status == AlertStatus.Open).GroupBy(a => a.Rule).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.First()))
            {
                var subject = a.SettlementId is { } settlement ? $"{settlement} at {a.FacilityId}" : $"{a.Period} {a.FacilityId ?? "patient"}";
                cli.Out.WriteLine($"[{a.Rule} {a.Severity.ToString().ToLowerInvariant()}] {subject}: {a.MessageZh}");
                cli.Out.WriteLine($"    {a.MessageEn}");
            }

            cli.Out.WriteLine();
            var month = Monitor.Analytics.Months.Of(sim.Start.AddMonths(sim.Months - 1));
            cli.Out.WriteLine($"== 5. the monthly operation analysis report of {month} (chroniccare report) ==");
            var (html, json) = ReportJob.RunAsync(store, month, null, null, Path.Combine(dir, $"report-{month}.html"), cli.Time, ct).GetAwaiter().GetResult();
            cli.Out.WriteLine($"{html} (open it in a browser; print it on A4), {Path.GetFileName(json)} beside it");

            cli.Out.WriteLine();
            cli.Out.WriteLine($"files: {data} (input), {outDir} (alerts.jsonl, actions.jsonl, dead-letter.jsonl), {store.SqlitePath} (the analytics store)");
            return ExitCodes.Ok;
        })));
        return command;
    }
}
