using System.Text.Json;

namespace ChronicCare.Monitor.Cli.Evaluation;

/// <summary>One injected deviation of the simulator: the pattern, the rules it must trigger (none for model-only) and on which settlements.</summary>
internal sealed record Label(string LabelId, string Pattern, IReadOnlyList<string> Rules, IReadOnlyList<string> SettlementIds, string? PatientId, string? FacilityId, string? Period)
{
    /// <summary>A deviation no exact rule names (price inflation, substitution, odd quantities): R15's to find on its settlements.</summary>
    public bool IsModelOnly => Rules.Count == 0;

    /// <summary>The rules expected on the label's subjects: its own, or R15 for a model-only one.</summary>
    public IReadOnlyList<string> ExpectedRules => IsModelOnly ? ["R15"] : Rules;

    public static IReadOnlyList<Label> ReadAll(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"labels file not found: {path}");
        }

        var labels = new List<Label>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(line);
                var e = doc.RootElement;
                labels.Add(new Label(
                    e.GetProperty("label_id").GetString()!,
                    e.GetProperty("pattern").GetString()!,
                    Strings(e, "rules"),
                    Strings(e, "settlement_ids"),
                    Optional(e, "patient_id"),
                    Optional(e, "facility_id"),
                    Optional(e, "period")));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new Files.InputException($"{path}:{lineNo}: not a label ({ex.Message.Split('\n')[0]})", ex);
            }
        }

        return labels;
    }

    private static string[] Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];

    private static string? Optional(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
