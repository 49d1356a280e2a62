using System.Runtime.CompilerServices;

namespace ChronicCare.Monitor.Randomness;

/// <summary>
/// xoshiro256** seeded through SplitMix64, the one generator behind the simulator's and the trainers' draws: the same
/// seed gives the same sequence on every machine and .NET version (System.Random's algorithm is an implementation
/// detail), so simulated cities and trained models are byte-identical for a seed. Not thread-safe: one per job.
/// The simulator, which does not depend on the core, compiles this same file (linked in its project).
/// </summary>
internal class Xoshiro256
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public Xoshiro256(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
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

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>SplitMix64's step: advances <paramref name="x"/> and returns a well-mixed 64-bit value (seeds of independent streams).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
