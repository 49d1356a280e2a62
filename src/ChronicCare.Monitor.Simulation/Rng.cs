using System.Runtime.CompilerServices;

namespace ChronicCare.Monitor.Simulation;

/// <summary>
/// A small seeded generator (xoshiro256** seeded through SplitMix64). Hand-rolled rather than System.Random
/// because the output must be byte-identical for a seed on every .NET version, it is several times faster on
/// the hot path, and <see cref="Fork"/> gives every patient an independent stream, so changing how one patient
/// is generated never shifts the random draws of the others.
/// </summary>
internal sealed class Rng
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public Rng(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>An independent stream for (seed, stream, index): e.g. one per patient.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Rng Fork(int seed, ulong stream, long index)
    {
        var x = ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ (stream * 0xC2B2AE3D27D4EB4FUL) ^ ((ulong)index * 0x165667B19E3779F9UL);
        return new Rng(SplitMix(ref x));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ulong NextULong()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, n).</summary>
    public int Next(int n) => n <= 1 ? 0 : (int)((NextULong() >> 33) % (ulong)n);

    /// <summary>Uniform in [min, max] (both inclusive).</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
