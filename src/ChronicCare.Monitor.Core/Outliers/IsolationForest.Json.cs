using System.Text.Json;

namespace ChronicCare.Monitor.Outliers;

/// <summary>
/// The forest as JSON: <c>{"dimensions", "sample_size", "trees": [{"feature", "threshold", "left", "right", "size"}]}</c>,
/// one array per node field (leaves: feature −1, threshold 0, children −1). Doubles are written round-trippable, so
/// <see cref="Read"/> gives back a forest that scores bit for bit the same.
/// </summary>
public sealed partial class IsolationForest
{
    public void Write(Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        w.WriteNumber("dimensions", Dimensions);
        w.WriteNumber("sample_size", SampleSize);
        w.WriteStartArray("trees");
        foreach (var tree in _trees)
        {
            w.WriteStartObject();
            ScorerJson.WriteArray(w, "feature", tree.Select(n => n.Feature).ToArray());
            ScorerJson.WriteArray(w, "threshold", tree.Select(n => n.Threshold).ToArray());
            ScorerJson.WriteArray(w, "left", tree.Select(n => n.Left).ToArray());
            ScorerJson.WriteArray(w, "right", tree.Select(n => n.Right).ToArray());
            ScorerJson.WriteArray(w, "size", tree.Select(n => n.Size).ToArray());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Reads what <see cref="Write"/> wrote; throws <see cref="ModelFormatException"/> with a one-line reason.</summary>
    public static IsolationForest Read(JsonElement e)
    {
        ScorerJson.RequireObject(e, Kind);
        var dimensions = ScorerJson.Int(e, Kind, "dimensions", 1);
        var sampleSize = ScorerJson.Int(e, Kind, "sample_size", 1);
        var trees = new List<IsolationNode[]>();
        foreach (var t in ScorerJson.Array(e, Kind, "trees").EnumerateArray())
        {
            var what = $"{Kind} tree {trees.Count}";
            ScorerJson.RequireObject(t, what);
            var feature = ScorerJson.Ints(t, what, "feature", -1);
            var threshold = ScorerJson.Doubles(t, what, "threshold", feature.Length);
            var left = ScorerJson.Ints(t, what, "left", feature.Length);
            var right = ScorerJson.Ints(t, what, "right", feature.Length);
            var size = ScorerJson.Ints(t, what, "size", feature.Length);
            var nodes = new IsolationNode[feature.Length];
            for (var i = 0; i < nodes.Length; i++)
            {
                nodes[i] = new IsolationNode(feature[i], threshold[i], left[i], right[i], size[i]);
            }

            trees.Add(nodes);
        }

        return new IsolationForest(dimensions, sampleSize, trees);
    }
}
