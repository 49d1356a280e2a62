using System.Text.Json;

namespace ChronicCare.Monitor.Outliers;

/// <summary>
/// A trained outlier model as saved in <c>model.json</c>: the feature schema it was trained on, the tables and the
/// robust scaling of the features, the scorer, and the threshold calibrated to the target alert rate (R15 fires
/// strictly above it). What the training saw and how it evaluated travel along verbatim for the model card.
/// Immutable: a new version is a new instance swapped in through <see cref="OutlierModelSlot"/>.
/// </summary>
public sealed class OutlierModel
{
    public const string FormatName = "chroniccare-outlier-model";

    public const int FormatVersion = 1;

    public OutlierModel(string version, FeatureTables tables, RobustScaler scaler, IOutlierScorer scorer, double threshold, double targetAlertRate)
    {
        if (scaler.Dimensions != OutlierFeatures.Count || scorer.Dimensions != OutlierFeatures.Count)
        {
            throw new ModelFormatException($"scaler ({scaler.Dimensions}) and scorer ({scorer.Dimensions}) must both have {OutlierFeatures.Count} features");
        }

        Version = version;
        Tables = tables;
        Scaler = scaler;
        Scorer = scorer;
        Threshold = threshold;
        TargetAlertRate = targetAlertRate;
    }

    /// <summary>The version name, e.g. <c>outlier-v1</c>; it is cited in every R15 alert.</summary>
    public string Version { get; }

    public string Kind => OutlierScorers.KindOf(Scorer);

    public FeatureTables Tables { get; }

    public RobustScaler Scaler { get; }

    public IOutlierScorer Scorer { get; }

    /// <summary>R15 fires when a settlement's score is strictly above this.</summary>
    public double Threshold { get; }

    /// <summary>The share of the training settlements above <see cref="Threshold"/> it was calibrated to.</summary>
    public double TargetAlertRate { get; }

    /// <summary>When it was trained (ISO 8601), as the trainer's clock said.</summary>
    public string? TrainedAt { get; init; }

    /// <summary>The training data's summary (a JSON object), for the model card.</summary>
    public string? TrainingJson { get; init; }

    /// <summary>The evaluation (a JSON object), for the model card.</summary>
    public string? EvaluationJson { get; init; }

    /// <summary>Scales <paramref name="raw"/> into <paramref name="scaled"/> and scores it.</summary>
    public double Score(ReadOnlySpan<double> raw, Span<double> scaled)
    {
        Scaler.Transform(raw, scaled);
        return Scorer.Score(scaled);
    }

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", FormatName);
            w.WriteNumber("format_version", FormatVersion);
            w.WriteString("version", Version);
            if (TrainedAt is not null)
            {
                w.WriteString("trained_at", TrainedAt);
            }

            w.WriteString("kind", Kind);
            w.WriteNumber("threshold", Threshold);
            w.WriteNumber("target_alert_rate", TargetAlertRate);
            w.WriteStartArray("features");
            foreach (var f in OutlierFeatures.All)
            {
                w.WriteStringValue(f.Name);
            }

            w.WriteEndArray();
            w.WritePropertyName("tables");
            Tables.Write(w);
            w.WritePropertyName("scaler");
            Scaler.Write(w);
            w.WritePropertyName("scorer");
            OutlierScorers.Write(Scorer, w);
            Raw(w, "training", TrainingJson);
            Raw(w, "evaluation", EvaluationJson);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Reads a model file. Throws <see cref="ModelFormatException"/> with a one-line reason for anything this build
    /// cannot score: not JSON, another format or format version, a feature schema other than this build's, a
    /// corrupt piece.
    /// </summary>
    public static OutlierModel Parse(ReadOnlySpan<byte> utf8)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new ModelFormatException($"not a model file: {e.Message.Split('\n')[0]}", e);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != FormatName)
            {
                throw new ModelFormatException($"not a model file: \"format\" is not \"{FormatName}\"");
            }

            var formatVersion = ModelJson.Number(root, "format_version", "model");
            if (formatVersion != FormatVersion)
            {
                throw new ModelFormatException($"model format version {formatVersion} is not the one this build reads ({FormatVersion})");
            }

            CheckSchema(ModelJson.Property(root, "features", "model"));
            var version = ModelJson.String(root, "version", "model");
            var kind = ModelJson.String(root, "kind", "model");
            var threshold = ModelJson.Number(root, "threshold", "model");
            var rate = ModelJson.Number(root, "target_alert_rate", "model");
            if (rate is <= 0 or >= 1)
            {
                throw new ModelFormatException($"model.target_alert_rate: {rate} is not in (0, 1)");
            }

            var tables = FeatureTables.Read(ModelJson.Property(root, "tables", "model"));
            var scaler = RobustScaler.Read(ModelJson.Property(root, "scaler", "model"));
            var scorer = OutlierScorers.Read(kind, ModelJson.Property(root, "scorer", "model"));
            return new OutlierModel(version, tables, scaler, scorer, threshold, rate)
            {
                TrainedAt = root.TryGetProperty("trained_at", out var at) && at.ValueKind == JsonValueKind.String ? at.GetString() : null,
                TrainingJson = Object(root, "training"),
                EvaluationJson = Object(root, "evaluation"),
            };
        }
    }

    private static void CheckSchema(JsonElement features)
    {
        var names = features.ValueKind == JsonValueKind.Array
            ? features.EnumerateArray().Select(f => f.ValueKind == JsonValueKind.String ? f.GetString()! : "?").ToList()
            : throw new ModelFormatException("model.features: not an array");
        var expected = OutlierFeatures.All.Select(f => f.Name).ToList();
        if (!names.SequenceEqual(expected, StringComparer.Ordinal))
        {
            var first = Enumerable.Range(0, Math.Max(names.Count, expected.Count))
                .First(i => i >= names.Count || i >= expected.Count || names[i] != expected[i]);
            throw new ModelFormatException(
                $"incompatible feature schema: the model has {names.Count} features, this build extracts {expected.Count}; "
                + $"they differ at #{first + 1} ({(first < names.Count ? names[first] : "none")} vs {(first < expected.Count ? expected[first] : "none")}): train it again");
        }
    }

    private static string? Object(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v.GetRawText() : null;

    private static void Raw(Utf8JsonWriter w, string name, string? json)
    {
        if (json is null)
        {
            return;
        }

        w.WritePropertyName(name);
        using var doc = JsonDocument.Parse(json);
        doc.RootElement.WriteTo(w);
    }
}
