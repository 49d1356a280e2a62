using System.Text;
using System.Text.Json;

namespace ChronicCare.Monitor.Parsing;

/// <summary>
/// Interns the short, highly repeated strings of the stream (facility, drug, disease and prescriber codes,
/// cards) so per-patient state holds one copy of each. Not thread-safe: one pool per parser.
/// </summary>
internal sealed class StringPool
{
    private const int MaxPooledBytes = 48;
    private const int MaxEntries = 1 << 20;
    private readonly Dictionary<int, string[]> _buckets = [];
    private int _count;

    public string Get(ref Utf8JsonReader r)
    {
        if (r.ValueIsEscaped || r.HasValueSequence || r.ValueSpan.Length > MaxPooledBytes)
        {
            return r.GetString()!;
        }

        var bytes = r.ValueSpan;
        var hash = Hash(bytes);
        if (_buckets.TryGetValue(hash, out var bucket))
        {
            foreach (var s in bucket)
            {
                if (Matches(s, bytes))
                {
                    return s;
                }
            }
        }

        var created = Encoding.UTF8.GetString(bytes);
        if (_count < MaxEntries)
        {
            _buckets[hash] = bucket is null ? [created] : [.. bucket, created];
            _count++;
        }

        return created;
    }

    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        var h = new HashCode();
        h.AddBytes(bytes);
        return h.ToHashCode();
    }

    private static bool Matches(string s, ReadOnlySpan<byte> bytes)
    {
        if (s.Length == bytes.Length)
        {
            var ascii = true;
            for (var i = 0; i < s.Length && ascii; i++)
            {
                if (s[i] >= 0x80)
                {
                    ascii = false;
                }
                else if (s[i] != bytes[i])
                {
                    return false;
                }
            }

            if (ascii)
            {
                return true;
            }
        }

        // Non-ASCII: compare the encoded bytes.
        Span<byte> buf = stackalloc byte[MaxPooledBytes * 4];
        var n = Encoding.UTF8.GetBytes(s, buf);
        return buf[..n].SequenceEqual(bytes);
    }
}
