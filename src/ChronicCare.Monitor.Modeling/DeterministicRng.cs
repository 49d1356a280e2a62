using ChronicCare.Monitor.Randomness;

namespace ChronicCare.Monitor.Modeling;

/// <summary>
/// The trainers' seeded generator (<see cref="Xoshiro256"/>): the same seed gives the same draws, hence bit-identical
/// models, on every machine and .NET version. Not thread-safe: one per job.
/// </summary>
internal sealed class DeterministicRng : Xoshiro256
{
    public DeterministicRng(ulong seed)
        : base(seed)
    {
    }

    /// <summary>A seed for an independent stream (seed, purpose, index), e.g. one per benchmark split.</summary>
    public static ulong Derive(ulong seed, ulong purpose, ulong index)
    {
        var x = seed ^ (purpose * 0xC2B2AE3D27D4EB4FUL) ^ (index * 0x165667B19E3779F9UL);
        return SplitMix(ref x);
    }

    /// <summary>Uniform in [0, <paramref name="n"/>) by the multiply-high method (bias below n / 2⁶⁴).</summary>
    public int Next(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return (int)Math.BigMul(NextULong(), (ulong)n, out _);
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
