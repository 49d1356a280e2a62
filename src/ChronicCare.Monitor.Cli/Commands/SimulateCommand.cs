using System.CommandLine;
using System.Globalization;
using ChronicCare.Monitor.Cli.Terminal;
using ChronicCare.Monitor.Simulation;

namespace ChronicCare.Monitor.Cli.Commands;

/// <summary><c>chroniccare simulate --out DIR --patients N --months M --seed S [--fraud-rate R] [--start YYYY-MM-DD]</c>.</summary>
internal static class SimulateCommand
{
    public static Command Create(CliContext cli)
    {
        var output = new Option<string>("--out") { Description = "Output folder for the reference files, events.jsonl and labels.jsonl", Required = true };
        var patients = new Option<int>("--patients") { Description = "Enrolled patients", DefaultValueFactory = _ => 10_000 };
        var months = new Option<int>("--months") { Description = "Months simulated", DefaultValueFactory = _ => 12 };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same bytes", DefaultValueFactory = _ => 1 };
        var fraud = new Option<double>("--fraud-rate") { Description = "Share of patients given one labelled deviation (0..0.5)", DefaultValueFactory = _ => 0.02 };
        var start = new Option<string>("--start") { Description = "First day (YYYY-MM-DD)", DefaultValueFactory = _ => "2026-01-01" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress on stderr" };
        var command = new Command("simulate", "Write a simulated city's reference data, settlement events and fraud labels")
        {
            output, patients, months, seed, fraud, start, quiet,
        };
        command.SetAction((pr, ct) => Task.FromResult(CommandRunner.Run(cli.Error, () =>
        {
            if (!DateOnly.TryParseExact(pr.GetValue(start), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            {
                throw new ArgumentException($"--start must be a date YYYY-MM-DD (got {pr.GetValue(start)})");
            }

            var options = new SimulationOptions(pr.GetValue(output)!, pr.GetValue(patients), pr.GetValue(months), pr.GetValue(seed), pr.GetValue(fraud)) { Start = first };
            var summary = Run(cli, options, !pr.GetValue(quiet), ct);
            Print(cli.Out, options, summary);
            return ExitCodes.Ok;
        })));
        return command;
    }

    public static SimulationSummary Run(CliContext cli, SimulationOptions options, bool showProgress, CancellationToken ct)
    {
        options.Validate();
        using var bar = new ProgressReporter(cli.Error, "simulate", 1, showProgress);
        var progress = new SyncProgress<SimulationProgress>(p => bar.Report(p.EventsWritten, p.EventsWritten, $"events ({p.PatientsDone:N0}/{p.Patients:N0} patients)", p.EstimatedTotal));
        return Simulator.Run(options, progress, ct);
    }

    public static void Print(TextWriter o, SimulationOptions options, SimulationSummary s)
    {
        o.WriteLine($"simulated {s.Patients:N0} patients, {s.Facilities:N0} facilities, {s.Drugs:N0} drugs, {s.Diseases:N0} diseases over {options.Months} months (seed {options.Seed})");
        o.WriteLine($"events: {s.EventLines:N0} lines: {s.Settlements:N0} settlements, {s.Reversals:N0} reversals, {s.Admissions:N0} admissions, {s.Discharges:N0} discharges, {s.DuplicateDeliveries:N0} duplicate deliveries, {s.LateArrivals:N0} late arrivals");
        o.WriteLine($"labels: {s.Labels:N0} injected deviations ({string.Join(", ", s.LabelsByPattern.Select(kv => $"{kv.Key} {kv.Value}"))})");
        o.WriteLine($"written: {options.OutDir} ({s.BytesWritten / 1048576.0:F1} MiB)");
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool out of order).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
