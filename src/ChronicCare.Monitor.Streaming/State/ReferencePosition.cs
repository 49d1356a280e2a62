using System.Globalization;

namespace ChronicCare.Monitor.Streaming.State;

/// <summary>
/// How far the reference topic has been applied: the next offset to read of each of its partitions. A state
/// saved at a position some partition of the current one is ahead of predates a reference record, and is
/// re-evaluated when loaded. Offsets survive compaction, so the position only grows.
/// </summary>
public sealed record ReferencePosition(IReadOnlyDictionary<int, long> NextOffsets)
{
    public static ReferencePosition None { get; } = new(new Dictionary<int, long>());

    /// <summary>True when some partition of <paramref name="current"/> is ahead of this position.</summary>
    public bool IsBehind(ReferencePosition current) =>
        current.NextOffsets.Any(kv => kv.Value > NextOffsets.GetValueOrDefault(kv.Key));

    /// <summary><c>partition=next;...</c>, the stored form.</summary>
    public string Format() => string.Join(';', NextOffsets.OrderBy(kv => kv.Key).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value}")));

    public static ReferencePosition Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return None;
        }

        var offsets = new Dictionary<int, long>();
        foreach (var part in text.Split(';'))
        {
            var kv = part.Split('=');
            if (kv.Length != 2 || !int.TryParse(kv[0], CultureInfo.InvariantCulture, out var p) || !long.TryParse(kv[1], CultureInfo.InvariantCulture, out var next))
            {
                throw new InvalidDataException("reference position: expected partition=offset pairs");
            }

            offsets[p] = next;
        }

        return new ReferencePosition(offsets);
    }
}
