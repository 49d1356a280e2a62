using System.CommandLine;
using System.Text.Json;
using ChronicCare.Monitor.Cli.Evaluation;
using ChronicCare.Monitor.Cli.Terminal;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Parsing;

namespace ChronicCare.Monitor.Cli.Commands;

/// <summary><c>chroniccare evaluate --labels FILE --alerts FILE [--events FILE] [--out DIR]</c>: precision, recall, F1, alerts per 10k.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliContext cli)
    {
        var labels = new Option<string>("--labels") { Description = "labels.jsonl from simulate", Required = true };
        var alerts = new Option<string>("--alerts") { Description = "alerts.jsonl from detect", Required = true };
        var events = new Option<string?>("--events") { Description = "events.jsonl, to count settlements for alerts per 10,000" };
        var output = new Option<string?>("--out") { Description = "Folder for evaluation.md and evaluation.json (default: beside the alerts)" };
        var command = new Command("evaluate", "Score alerts against labelled fraud: per rule and per pattern") { labels, alerts, events, output };
        command.SetAction(pr => CommandRunner.Run(cli.Error, () =>
        {
            var alertsPath = pr.GetValue(alerts)!;
            var eval = Evaluate(pr.GetValue(labels)!, alertsPath, pr.GetValue(events));
            eval.Print(cli.Out);
            var dir = pr.GetValue(output) ?? Path.GetDirectoryName(Path.GetFullPath(alertsPath))!;
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "evaluation.md"), eval.Markdown());
            File.WriteAllText(Path.Combine(dir, "evaluation.json"), eval.Json());
            cli.Out.WriteLine($"written: {Path.Combine(dir, "evaluation.md")}, evaluation.json");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static LabelEvaluation Evaluate(string labelsPath, string alertsPath, string? eventsPath) =>
        Evaluate(labelsPath, alertsPath, eventsPath is null ? 0 : CountSettlements(eventsPath));

    /// <summary>Scores with a settlement count the caller already has (demo gets it from detect).</summary>
    public static LabelEvaluation Evaluate(string labelsPath, string alertsPath, long settlements) =>
        LabelEvaluation.Score(Label.ReadAll(labelsPath), OpenAlertKeys(alertsPath), settlements);

    public static IEnumerable<AlertKey> OpenAlertKeys(string alertsPath)
    {
        if (!File.Exists(alertsPath))
        {
            throw new FileNotFoundException($"alerts file not found: {alertsPath}");
        }

        var keys = new List<AlertKey>();
        foreach (var line in File.ReadLines(alertsPath))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var a = doc.RootElement;
            if (a.GetProperty("status").GetString() != "open")
            {
                continue;
            }

            var rule = a.GetProperty("rule").GetString()!;
            var subject = rule switch
            {
                "R12" => $"{a.GetProperty("facility_id").GetString()}:{a.GetProperty("period").GetString()}",
                "R13" => $"{a.GetProperty("patient_id").GetString()}:{a.GetProperty("period").GetString()}",
                _ => a.GetProperty("settlement_id").GetString()!,
            };
            keys.Add(new AlertKey(rule, subject));
        }

        return keys;
    }

    private static long CountSettlements(string eventsPath)
    {
        var parser = new EventParser();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using var stream = File.OpenRead(eventsPath);
        foreach (var line in Files.JsonlLines.Read(stream))
        {
            if (parser.Parse(line.Bytes.Span).Event is Settlement s)
            {
                ids.Add(s.SettlementId);
            }
        }

        return ids.Count;
    }
}
