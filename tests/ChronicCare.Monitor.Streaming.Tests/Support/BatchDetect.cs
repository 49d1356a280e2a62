using ChronicCare.Monitor.Engine;
using ChronicCare.Monitor.Outliers;
using ChronicCare.Monitor.Files;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Policy;

namespace ChronicCare.Monitor.Streaming.Tests.Support;

/// <summary>
/// What `detect` gives on a dataset: the reference, every event through one engine, one flush, R15 scored with the
/// committed default model (the one `run` picks when given no <c>--model</c>), so stream and batch are compared on every rule.
/// </summary>
internal static class BatchDetect
{
    private static readonly Lazy<OutlierModel> Model = new(() =>
    {
        var newest = Directory.EnumerateDirectories(Path.Combine(RepoPaths.Root, "models"), "outlier-v*")
            .OrderByDescending(d => int.Parse(Path.GetFileName(d)["outlier-v".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .First();
        return OutlierModel.Parse(File.ReadAllBytes(Path.Combine(newest, "model.json")));
    });

    /// <summary>The model a `run` without <c>--model</c> scores with.</summary>
    public static OutlierModel DefaultModel => Model.Value;

    public static Outcome Run(Dataset data)
    {
        var engine = new DetectionEngine(DetectionPolicy.Default, ReferenceLoader.Load(data.ReferenceDir), TimeProvider.System)
        {
            Outliers = new OutlierModelSlot(DefaultModel),
        };
        var parser = new EventParser();
        foreach (var (_, value) in data.Messages)
        {
            if (parser.Parse(value).Event is { } e)
            {
                engine.Apply(e);
            }
        }

        var changes = engine.Flush();
        return Outcome.Of(changes.Alerts, changes.Actions);
    }

}
