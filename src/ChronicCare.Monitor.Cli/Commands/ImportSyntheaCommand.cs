using System.CommandLine;
using ChronicCare.Monitor.Cli.Terminal;
using ChronicCare.Monitor.Files;
using ChronicCare.Monitor.Simulation.Synthea;

namespace ChronicCare.Monitor.Cli.Commands;

/// <summary><c>chroniccare import-synthea --from DIR --out DIR</c>: Synthea CSVs to contract reference files and settlements.</summary>
internal static class ImportSyntheaCommand
{
    public static Command Create(CliContext cli)
    {
        var from = new Option<string>("--from") { Description = "Folder with Synthea's medications, patients, organizations and providers CSVs", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder for the reference files and events.jsonl", Required = true };
        var command = new Command("import-synthea", "Convert a Synthea CSV export into reference data and settlement events")
        {
            from, output,
        };
        command.SetAction((pr, ct) => Task.FromResult(CommandRunner.Run(cli.Error, () =>
        {
            SyntheaImportSummary summary;
            try
            {
                summary = SyntheaImporter.Import(pr.GetValue(from)!, pr.GetValue(output)!);
            }
            catch (InvalidDataException ex)
            {
                throw new InputException(ex.Message, ex);
            }

            Print(cli.Out, pr.GetValue(output)!, summary);
            return ExitCodes.Ok;
        })));
        return command;
    }

    public static void Print(TextWriter o, string outDir, SyntheaImportSummary s)
    {
        o.WriteLine($"imported {s.Patients:N0} patients, {s.Drugs:N0} drugs, {s.Facilities:N0} facilities, {s.Diseases:N0} diseases");
        o.WriteLine($"medication rows: {s.MedicationRows:N0}, chronic {s.ChronicRows:N0} ({s.RowsWithDispensesMerged:N0} with dispenses merged into monthly fills, {s.RowsTruncatedAtDeath:N0} truncated at DEATHDATE)");
        o.WriteLine($"settlements: {s.Settlements:N0}");
        o.WriteLine($"rows skipped: {s.SkippedRows.Values.Sum():N0} ({string.Join(", ", s.SkippedRows.Select(kv => $"{kv.Key} {kv.Value:N0}"))})");
        o.WriteLine($"written: {outDir}");
    }
}
