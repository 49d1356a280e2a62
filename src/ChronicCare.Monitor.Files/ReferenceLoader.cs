using System.Text.Json;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Reference;

namespace ChronicCare.Monitor.Files;

/// <summary>
/// Loads the four reference files of contract §1 from one folder. Reference data are curated tables, so a
/// bad line makes the whole set unusable: the error names the file and line.
/// </summary>
public static class ReferenceLoader
{
    /// <summary>The reference folder's files and the contract <c>type</c> of their records, in load order.</summary>
    public static IReadOnlyList<(string File, string Type)> Files { get; } =
    [
        ("facilities.jsonl", "facility"),
        ("drugs.jsonl", "drug"),
        ("diseases.jsonl", "disease"),
        ("patients.jsonl", "patient"),
    ];

    public static ReferenceData Load(string dir)
    {
        if (!Directory.Exists(dir))
        {
            throw new InputException($"reference folder not found: {dir}");
        }

        var data = new ReferenceData();
        foreach (var (file, type) in Files)
        {
            var path = Path.Combine(dir, file);
            if (!File.Exists(path))
            {
                throw new InputException($"reference file missing: {path}");
            }

            var lineNo = 0;
            foreach (var line in File.ReadLines(path))
            {
                lineNo++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                ParseOutcome outcome;
                try
                {
                    using var doc = JsonDocument.Parse(line);
                    outcome = ReferenceParser.Parse(doc.RootElement, type);
                }
                catch (JsonException ex)
                {
                    outcome = ParseOutcome.Bad($"not valid JSON: {ex.Message.Split('\n')[0]}");
                }

                if (outcome.Event is not ReferenceUpsert upsert)
                {
                    throw new InputException($"{path}:{lineNo}: {outcome.Error}");
                }

                data.Upsert(upsert.Record);
            }
        }

        return data;
    }
}
