using ChronicCare.Monitor.Outliers;
using MathNet.Numerics.LinearAlgebra;

namespace ChronicCare.Monitor.Modeling.Pca;

/// <summary>
/// Fits a <see cref="PcaScorer"/>: the mean, the sample covariance (n − 1) and its symmetric eigen decomposition
/// (MathNet's managed provider, exact, no randomness), components in decreasing variance, each signed so its
/// largest-magnitude entry is positive, so the same data give the same model file.
/// </summary>
internal static class PcaTrainer
{
    /// <summary>A variance below this share of the largest is a direction the training data did not move in.</summary>
    private const double NullVariance = 1e-12;

    public static PcaScorer Train(IReadOnlyList<double[]> rows, PcaOptions options)
    {
        ArgumentNullException.ThrowIfNull(rows);
        options.Validate();
        if (rows.Count < 2)
        {
            throw new ArgumentException("PCA needs at least 2 rows", nameof(rows));
        }

        var d = rows[0].Length;
        var mean = new double[d];
        foreach (var row in rows)
        {
            if (row.Length != d || d == 0 || row.Any(v => !double.IsFinite(v)))
            {
                throw new ArgumentException($"every row needs the same {d} ≥ 1 finite features", nameof(rows));
            }

            for (var j = 0; j < d; j++)
            {
                mean[j] += row[j];
            }
        }

        for (var j = 0; j < d; j++)
        {
            mean[j] /= rows.Count;
        }

        var evd = Covariance(rows, mean).Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, d).OrderByDescending(i => evd.EigenValues[i].Real).ThenBy(i => i).ToArray();
        var variances = order.Select(i => Math.Max(evd.EigenValues[i].Real, 0)).ToArray();
        var k = Keep(variances, options, d);
        var floor = Math.Max(variances[0], double.Epsilon) * options.EigenvalueFloor;
        var components = new double[k * d];
        var eigenvalues = new double[k];
        for (var c = 0; c < k; c++)
        {
            var v = evd.EigenVectors.Column(order[c]);
            var sign = v[v.AbsoluteMaximumIndex()] < 0 ? -1.0 : 1.0;
            for (var j = 0; j < d; j++)
            {
                components[(c * d) + j] = sign * v[j];
            }

            eigenvalues[c] = Math.Max(variances[c], floor);
        }

        return new PcaScorer(mean, components, eigenvalues, options.Mode);
    }

    /// <summary>
    /// The sample covariance, summed row by row in plain loops rather than by MathNet's matrix product, so its bits
    /// depend on no provider or parallel blocking (the same data must give the same model file). Exactly symmetric.
    /// </summary>
    private static Matrix<double> Covariance(IReadOnlyList<double[]> rows, double[] mean)
    {
        var d = mean.Length;
        var sums = new double[d, d];
        var centred = new double[d];
        foreach (var row in rows)
        {
            for (var j = 0; j < d; j++)
            {
                centred[j] = row[j] - mean[j];
            }

            for (var a = 0; a < d; a++)
            {
                for (var b = a; b < d; b++)
                {
                    sums[a, b] += centred[a] * centred[b];
                }
            }
        }

        return Matrix<double>.Build.Dense(d, d, (a, b) => sums[Math.Min(a, b), Math.Max(a, b)] / (rows.Count - 1));
    }

    private static int Keep(double[] variances, PcaOptions options, int d)
    {
        if (options.Components is { } fixedK)
        {
            return Math.Min(fixedK, d);
        }

        if (options.VarianceFraction >= 1)
        {
            // Every direction the data moved in; the ones it never moved in (an exact linear dependency, such as one-hot
            // features summing to 1) are left out by a fixed relative cut, not by where rounding ends a cumulative sum.
            return Math.Max(1, variances.Count(v => v > NullVariance * variances[0]));
        }

        var total = variances.Sum();
        var cumulative = 0.0;
        for (var k = 0; k < d; k++)
        {
            cumulative += variances[k];
            if (cumulative >= options.VarianceFraction * total)
            {
                return k + 1;
            }
        }

        return d;
    }
}
