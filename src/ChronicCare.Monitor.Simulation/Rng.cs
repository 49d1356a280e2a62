using System.Runtime.CompilerServices;
using ChronicCare.Monitor.Randomness;

namespace ChronicCare.Monitor.Simulation;

/// <summary>
/// The simulator's seeded generator (<see cref="Xoshiro256"/>) with the draws it needs. Hand-rolled rather than System.Random
/// because the output must be byte-identical for a seed on every .NET version, it is several times faster on
/// the hot path, and <see cref="Fork"/> gives every patient an independent stream, so changing how one patient
/// is generated never shifts the random draws of the others.
/// </summary>
internal sealed class Rng : Xoshiro256
{
    public Rng(ulong seed)
        : base(seed)
    {
    }

    /// <summary>An independent stream for (seed, stream, index): e.g. one per patient.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Rng Fork(int seed, ulong stream, long index)
    {
        var x = ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ (stream * 0xC2B2AE3D27D4EB4FUL) ^ ((ulong)index * 0x165667B19E3779F9UL);
        return new Rng(SplitMix(ref x));
    }

    /// <summary>Uniform in [0, n).</summary>
    public int Next(int n) => n <= 1 ? 0 : (int)((NextULong() >> 33) % (ulong)n);

    /// <summary>Uniform in [min, max] (both inclusive).</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    public double Between(double min, double max) => min + (NextDouble() * (max - min));

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Array overload: no interface dispatch on the hot path.</summary>
    public T Pick<T>(T[] items) => items[Next(items.Length)];

    /// <summary>An index drawn with probability proportional to its weight.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int PickWeighted(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        var x = NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    /// <summary>An index drawn by weight, given the running sums of the weights (binary search).</summary>
    public int PickCumulative(double[] cumulative)
    {
        var x = NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, x);
        i = i < 0 ? ~i : i + 1;
        return Math.Min(i, cumulative.Length - 1);
    }

    /// <summary>In-place Fisher-Yates shuffle.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
