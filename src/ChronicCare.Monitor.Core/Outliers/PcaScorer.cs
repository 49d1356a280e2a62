using System.Buffers;

namespace ChronicCare.Monitor.Outliers;

/// <summary>
/// Scores a vector by its principal components: the training mean μ, k orthonormal components wₖ (rows of a k×d
/// matrix) and their variances λₖ, combined as <see cref="Mode"/> says. Higher is more anomalous. Scoring allocates
/// nothing for up to <see cref="StackDimensions"/> features. Immutable and thread-safe.
/// </summary>
public sealed partial class PcaScorer : IOutlierScorer
{
    public const string Kind = "pca";

    /// <summary>Wider vectors borrow their scratch from the shared array pool instead of the stack.</summary>
    public const int StackDimensions = 256;

    private const double OrthonormalTolerance = 1e-6;

    private readonly double[] _mean;
    private readonly double[] _components;
    private readonly double[] _eigenvalues;
    private readonly double[] _inverseSqrt;

    /// <summary>
    /// <paramref name="components"/> holds k rows of <paramref name="mean"/>.Length entries, row after row, one per
    /// entry of <paramref name="eigenvalues"/>. Throws <see cref="ModelFormatException"/> when the pieces disagree in
    /// size, hold a non-finite number or a variance ≤ 0, or the rows are not orthonormal.
    /// </summary>
    public PcaScorer(ReadOnlySpan<double> mean, ReadOnlySpan<double> components, ReadOnlySpan<double> eigenvalues, PcaScoreMode mode)
    {
        var d = mean.Length;
        var k = eigenvalues.Length;
        if (d == 0 || k == 0 || k > d)
        {
            throw new ModelFormatException($"{Kind}: needs 1..{Math.Max(d, 1)} components over ≥ 1 dimensions, got {k} over {d}");
        }

        if (components.Length != k * d)
        {
            throw new ModelFormatException($"{Kind}: components hold {components.Length} numbers, expected {k} × {d}");
        }

        if (!Enum.IsDefined(mode))
        {
            throw new ModelFormatException($"{Kind}: unknown mode {mode}");
        }

        Finite(mean, "mean");
        Finite(components, "components");
        Finite(eigenvalues, "eigenvalues");
        for (var i = 0; i < k; i++)
        {
            if (eigenvalues[i] <= 0)
            {
                throw new ModelFormatException($"{Kind}: eigenvalue {i} is {eigenvalues[i]}, not > 0");
            }
        }

        _mean = mean.ToArray();
        _components = components.ToArray();
        _eigenvalues = eigenvalues.ToArray();
        _inverseSqrt = [.. _eigenvalues.Select(l => 1 / Math.Sqrt(l))];
        Mode = mode;
        CheckOrthonormal();
    }

    public int Dimensions => _mean.Length;

    public int Components => _eigenvalues.Length;

    public PcaScoreMode Mode { get; }

    public double Score(ReadOnlySpan<double> x)
    {
        var d = Dimensions;
        if (x.Length != d)
        {
            throw new ArgumentException($"expected {d} features, got {x.Length}", nameof(x));
        }

        double[]? rented = null;
        var centred = d <= StackDimensions ? stackalloc double[d] : (rented = ArrayPool<double>.Shared.Rent(d)).AsSpan(0, d);
        var squared = 0.0;
        for (var j = 0; j < d; j++)
        {
            centred[j] = x[j] - _mean[j];
            squared += centred[j] * centred[j];
        }

        var score = Mode == PcaScoreMode.Reconstruction ? squared : 0.0;
        for (var c = 0; c < _eigenvalues.Length; c++)
        {
            var z = Dot(centred, _components.AsSpan(c * d, d));
            score += Mode == PcaScoreMode.Reconstruction ? -(z * z) : z * z / _eigenvalues[c];
        }

        if (rented is not null)
        {
            ArrayPool<double>.Shared.Return(rented);
        }

        // Rounding can take a reconstruction error a hair below zero when x lies in the subspace.
        return Math.Max(score, 0);
    }

    /// <summary>
    /// Reconstruction: each feature's share of the squared residual r = (x − μ) − Σₖ zₖwₖ. Mahalanobis: with
    /// d = x − μ and u = Σₖ (zₖ/λₖ) wₖ (= Σ⁻¹d on the kept components), the score is Σⱼ dⱼuⱼ, and feature j's term
    /// dⱼuⱼ is its part; negative terms (a feature whose deviation the others' correlations explain away) count 0. A
    /// feature at the mean gets nothing, which is what a reviewer reading "the features that contributed most" expects
    /// (a whitening of d mapped back onto the features would also split the score, but credit features that did not move).
    /// </summary>
    public void Explain(ReadOnlySpan<double> x, Span<double> contributions)
    {
        var d = Dimensions;
        if (x.Length != d || contributions.Length != d)
        {
            throw new ArgumentException($"expected {d} features and as many contributions, got {x.Length} and {contributions.Length}", nameof(x));
        }

        double[]? rented = null;
        var centred = d <= StackDimensions ? stackalloc double[d] : (rented = ArrayPool<double>.Shared.Rent(d)).AsSpan(0, d);
        for (var j = 0; j < d; j++)
        {
            centred[j] = x[j] - _mean[j];
        }

        var reconstruction = Mode == PcaScoreMode.Reconstruction;
        if (reconstruction)
        {
            centred.CopyTo(contributions);
        }
        else
        {
            contributions.Clear();
        }

        for (var c = 0; c < _eigenvalues.Length; c++)
        {
            var w = _components.AsSpan(c * d, d);
            var z = Dot(centred, w);
            var weight = reconstruction ? -z : z * _inverseSqrt[c] * _inverseSqrt[c];
            for (var j = 0; j < d; j++)
            {
                contributions[j] += weight * w[j];
            }
        }

        for (var j = 0; j < d; j++)
        {
            contributions[j] = reconstruction ? contributions[j] * contributions[j] : Math.Max(0, centred[j] * contributions[j]);
        }

        if (rented is not null)
        {
            ArrayPool<double>.Shared.Return(rented);
        }

        ScorerJson.Normalise(contributions);
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var j = 0; j < a.Length; j++)
        {
            sum += a[j] * b[j];
        }

        return sum;
    }

    private static void Finite(ReadOnlySpan<double> values, string name)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ModelFormatException($"{Kind}: {name}[{i}] is not a finite number");
            }
        }
    }

    private void CheckOrthonormal()
    {
        var d = Dimensions;
        for (var a = 0; a < Components; a++)
        {
            for (var b = a; b < Components; b++)
            {
                var dot = Dot(_components.AsSpan(a * d, d), _components.AsSpan(b * d, d));
                if (Math.Abs(dot - (a == b ? 1 : 0)) > OrthonormalTolerance)
                {
                    throw new ModelFormatException($"{Kind}: components {a} and {b} are not orthonormal (dot product {dot:G6})");
                }
            }
        }
    }
}
