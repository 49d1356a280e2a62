using System.Text.Json;

namespace ChronicCare.Monitor.Outliers;

/// <summary>
/// The scorer as JSON: <c>{"mode", "mean": [d], "components": [[d] × k], "eigenvalues": [k]}</c>, doubles
/// round-trippable, so <see cref="Read"/> gives back a scorer that scores bit for bit the same.
/// </summary>
public sealed partial class PcaScorer
{
    public void Write(Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        w.WriteString("mode", ModeName(Mode));
        ScorerJson.WriteArray(w, "mean", _mean);
        w.WriteStartArray("components");
        for (var c = 0; c < Components; c++)
        {
            ScorerJson.WriteArray(w, null, _components.AsSpan(c * Dimensions, Dimensions));
        }

        w.WriteEndArray();
        ScorerJson.WriteArray(w, "eigenvalues", _eigenvalues);
        w.WriteEndObject();
    }

    /// <summary>Reads what <see cref="Write"/> wrote; throws <see cref="ModelFormatException"/> with a one-line reason.</summary>
    public static PcaScorer Read(JsonElement e)
    {
        ScorerJson.RequireObject(e, Kind);
        var modeName = ScorerJson.String(e, Kind, "mode");
        var mode = modeName switch
        {
            "reconstruction" => PcaScoreMode.Reconstruction,
            "mahalanobis" => PcaScoreMode.Mahalanobis,
            _ => throw new ModelFormatException($"{Kind}: unknown mode \"{modeName}\""),
        };
        var mean = ScorerJson.Doubles(e, Kind, "mean", -1);
        var eigenvalues = ScorerJson.Doubles(e, Kind, "eigenvalues", -1);
        var rows = ScorerJson.Array(e, Kind, "components");
        if (rows.GetArrayLength() != eigenvalues.Length)
        {
            throw new ModelFormatException($"{Kind}: \"components\" has {rows.GetArrayLength()} rows, \"eigenvalues\" {eigenvalues.Length}");
        }

        var components = new double[eigenvalues.Length * mean.Length];
        var c = 0;
        foreach (var row in rows.EnumerateArray())
        {
            var values = ScorerJson.Doubles(row, $"{Kind}: \"components\"[{c}]", mean.Length);
            values.CopyTo(components, c * mean.Length);
            c++;
        }

        return new PcaScorer(mean, components, eigenvalues, mode);
    }

    private static string ModeName(PcaScoreMode mode) => mode switch
    {
        PcaScoreMode.Reconstruction => "reconstruction",
        PcaScoreMode.Mahalanobis => "mahalanobis",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };
}
