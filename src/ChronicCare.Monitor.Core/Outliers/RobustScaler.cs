using System.Text.Json;

namespace ChronicCare.Monitor.Outliers;

/// <summary>
/// Per-feature robust standardisation, (x − median) / scale, scale = IQR / 1.349 (the standard deviation a normal
/// distribution with that IQR has), else MAD × 1.4826, else the standard deviation, else 1. Medians and quartiles
/// ignore the few extreme settlements the model is there to find, which a mean and a standard deviation would not.
/// With interpolated quartiles an IQR of 0 means over half the values equal the median, so the MAD is then 0 as
/// well: such a feature is nearly always one value (a unit price at its reference price, the same product as last
/// time), and its rare departures are exactly the signal. The standard deviation scales them so that the departures
/// stand out in proportion to how rare they are; a fixed 1 would leave a doubled price (ln 2 ≈ 0.69) smaller than an
/// ordinary wobble of a busy feature.
/// Immutable and thread-safe.
/// </summary>
public sealed class RobustScaler
{
    public const string Kind = "robust_scaler";

    private const double IqrToSigma = 1.349;
    private const double MadToSigma = 1.4826;

    private readonly double[] _median;
    private readonly double[] _scale;

    /// <summary>Throws <see cref="ModelFormatException"/> unless both have the same length ≥ 1, are finite and every scale is > 0.</summary>
    public RobustScaler(ReadOnlySpan<double> median, ReadOnlySpan<double> scale)
    {
        if (median.Length == 0 || median.Length != scale.Length)
        {
            throw new ModelFormatException($"{Kind}: median has {median.Length} entries and scale {scale.Length}; they must match and be ≥ 1");
        }

        for (var j = 0; j < median.Length; j++)
        {
            if (!double.IsFinite(median[j]) || !double.IsFinite(scale[j]) || scale[j] <= 0)
            {
                throw new ModelFormatException($"{Kind}: feature {j}: median {median[j]} and scale {scale[j]} must be finite and the scale > 0");
            }
        }

        _median = median.ToArray();
        _scale = scale.ToArray();
    }

    public int Dimensions => _median.Length;

    public IReadOnlyList<double> Median => _median;

    public IReadOnlyList<double> Scale => _scale;

    /// <summary>Fits the medians and scales on <paramref name="rows"/> (all of one length, finite).</summary>
    public static RobustScaler Fit(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("cannot fit a scaler on no rows", nameof(rows));
        }

        var d = rows[0].Length;
        var median = new double[d];
        var scale = new double[d];
        var column = new double[rows.Count];
        for (var j = 0; j < d; j++)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i].Length != d || !double.IsFinite(rows[i][j]))
                {
                    throw new ArgumentException($"row {i}: expected {d} finite features", nameof(rows));
                }

                column[i] = rows[i][j];
            }

            Array.Sort(column);
            median[j] = Quantile(column, 0.5);
            var iqr = Quantile(column, 0.75) - Quantile(column, 0.25);
            scale[j] = iqr > 0 ? iqr / IqrToSigma
                : Mad(column, median[j]) is var mad and > 0 ? mad * MadToSigma
                : StandardDeviation(column) is var sd and > 0 ? sd
                : 1;
        }

        return new RobustScaler(median, scale);
    }

    private static double StandardDeviation(double[] sorted)
    {
        var mean = sorted.Average();
        var sum = 0.0;
        foreach (var v in sorted)
        {
            sum += (v - mean) * (v - mean);
        }

        return sorted.Length > 1 ? Math.Sqrt(sum / (sorted.Length - 1)) : 0;
    }

    public void Transform(ReadOnlySpan<double> raw, Span<double> scaled)
    {
        if (raw.Length != Dimensions || scaled.Length != Dimensions)
        {
            throw new ArgumentException($"expected {Dimensions} features in and out, got {raw.Length} and {scaled.Length}", nameof(raw));
        }

        for (var j = 0; j < raw.Length; j++)
        {
            scaled[j] = (raw[j] - _median[j]) / _scale[j];
        }
    }

    public double[] Transform(ReadOnlySpan<double> raw)
    {
        var scaled = new double[Dimensions];
        Transform(raw, scaled);
        return scaled;
    }

    public void Write(Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        ScorerJson.WriteArray(w, "median", _median);
        ScorerJson.WriteArray(w, "scale", _scale);
        w.WriteEndObject();
    }

    /// <summary>Reads what <see cref="Write"/> wrote; throws <see cref="ModelFormatException"/> with a one-line reason.</summary>
    public static RobustScaler Read(JsonElement e)
    {
        ScorerJson.RequireObject(e, Kind);
        var median = ScorerJson.Doubles(e, Kind, "median", -1);
        return new RobustScaler(median, ScorerJson.Doubles(e, Kind, "scale", median.Length));
    }

    /// <summary>The linear-interpolation quantile of sorted values (numpy's default, R type 7).</summary>
    internal static double Quantile(ReadOnlySpan<double> sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    private static double Mad(double[] sorted, double median)
    {
        var deviations = new double[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            deviations[i] = Math.Abs(sorted[i] - median);
        }

        Array.Sort(deviations);
        return Quantile(deviations, 0.5);
    }
}
