using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChronicCare.Monitor.Cli.Tests.Support;

namespace ChronicCare.Monitor.Cli.Tests.Outliers;

/// <summary>Files the outlier-model tests share: the committed model, small simulated cities, model variants, JSONL.</summary>
internal static class OutlierTestFiles
{
    /// <summary>The repository's models folder (holds the committed default, outlier-v1).</summary>
    public static string ModelsDir => Path.Combine(Paths.Repo, "models");

    public static string CommittedModel => Path.Combine(ModelsDir, "outlier-v1", "model.json");

    /// <summary>Simulates a small city (1,500 patients, 6 months) into <paramref name="dir"/>; throws when simulate fails.</summary>
    public static string Simulate(string dir, int seed = 3)
    {
        Require(CliRun.Of("simulate", "--out", dir, "--patients", "1500", "--months", "6", "--seed", seed.ToString(CultureInfo.InvariantCulture), "--quiet"));
        return dir;
    }

    /// <summary>The committed model rewritten under another version name (a second valid model, cheaply).</summary>
    public static byte[] CommittedAs(string version)
    {
        var root = JsonNode.Parse(File.ReadAllBytes(CommittedModel))!.AsObject();
        root["version"] = version;
        return JsonSerializer.SerializeToUtf8Bytes(root, new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Writes <paramref name="bytes"/> as <c>folder/version/model.json</c> and returns that path.</summary>
    public static string WriteVersion(string folder, string version, byte[] bytes)
    {
        var dir = Path.Combine(folder, version);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "model.json");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The committed model cut off in the middle: not JSON any more.</summary>
    public static byte[] Truncated()
    {
        var bytes = File.ReadAllBytes(CommittedModel);
        return bytes[..(bytes.Length / 2)];
    }

    /// <summary>The committed model with its last feature dropped: valid JSON, another feature schema.</summary>
    public static byte[] IncompatibleSchema()
    {
        var root = JsonNode.Parse(File.ReadAllBytes(CommittedModel))!.AsObject();
        var features = root["features"]!.AsArray();
        features.RemoveAt(features.Count - 1);
        return JsonSerializer.SerializeToUtf8Bytes(root);
    }

    public static List<JsonElement> ReadJsonl(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(Parse).ToList();

    public static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    public static string Rule(JsonElement alert) => alert.GetProperty("rule").GetString()!;

    public static bool IsOpen(JsonElement alert) => alert.GetProperty("status").GetString() == "open";

    /// <summary>The distinct settlements in an events file (duplicate deliveries counted once).</summary>
    public static int DistinctSettlements(string eventsFile) => File.ReadLines(eventsFile)
        .Where(l => l.Contains("\"type\":\"settlement\"", StringComparison.Ordinal))
        .Select(l => Parse(l).GetProperty("settlement_id").GetString())
        .Distinct(StringComparer.Ordinal)
        .Count();

    public static CliRun Require(CliRun run) =>
        run.ExitCode == 0 ? run : throw new InvalidOperationException($"chroniccare exited {run.ExitCode}: {run.Error}");
}
