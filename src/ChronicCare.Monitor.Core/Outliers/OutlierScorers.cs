using System.Text.Json;

namespace ChronicCare.Monitor.Outliers;

/// <summary>The scorer kinds a model file can name, and how each is read and written.</summary>
public static class OutlierScorers
{
    public static IReadOnlyList<string> Kinds { get; } = [IsolationForest.Kind, PcaScorer.Kind];

    /// <summary>The scorer of <paramref name="kind"/> saved in <paramref name="e"/>; <see cref="ModelFormatException"/> for an unknown kind or a bad piece.</summary>
    public static IOutlierScorer Read(string kind, JsonElement e) => kind switch
    {
        IsolationForest.Kind => IsolationForest.Read(e),
        PcaScorer.Kind => PcaScorer.Read(e),
        _ => throw new ModelFormatException($"unknown scorer kind \"{kind}\" (this build reads {string.Join(", ", Kinds)})"),
    };

    public static string KindOf(IOutlierScorer scorer) => scorer switch
    {
        IsolationForest => IsolationForest.Kind,
        PcaScorer => PcaScorer.Kind,
        _ => throw new ArgumentException($"{scorer?.GetType().Name ?? "null"} cannot be saved in a model file", nameof(scorer)),
    };

    public static void Write(IOutlierScorer scorer, Utf8JsonWriter w)
    {
        switch (scorer)
        {
            case IsolationForest forest:
                forest.Write(w);
                break;
            case PcaScorer pca:
                pca.Write(w);
                break;
            default:
                throw new ArgumentException($"{scorer?.GetType().Name ?? "null"} cannot be saved in a model file", nameof(scorer));
        }
    }
}
