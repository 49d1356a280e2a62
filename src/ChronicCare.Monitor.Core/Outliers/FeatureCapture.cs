using System.Collections.Concurrent;

namespace ChronicCare.Monitor.Outliers;

/// <summary>
/// For training: the engine writes every settlement's features here as it evaluates (with these tables); a later
/// evaluation of the same settlement replaces the earlier vector, so what is left is each settlement's features on
/// the full history. Thread-safe (a flush evaluates patients on several cores).
/// </summary>
public sealed class FeatureCapture
{
    private readonly ConcurrentDictionary<string, double[]> _vectors = new(StringComparer.Ordinal);

    public FeatureCapture(FeatureTables tables)
    {
        Tables = tables;
    }

    public FeatureTables Tables { get; }

    public int Count => _vectors.Count;

    internal void Add(string settlementId, ReadOnlySpan<double> features) => _vectors[settlementId] = features.ToArray();

    /// <summary>The vectors by settlement id, in id order (the same order on every run).</summary>
    public IReadOnlyList<(string SettlementId, double[] Features)> Vectors() =>
        _vectors.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value)).ToList();
}
