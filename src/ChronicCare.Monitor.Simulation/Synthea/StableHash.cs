using System.Text;

namespace ChronicCare.Monitor.Simulation.Synthea;

/// <summary>FNV-1a 64 over UTF-8: the same text gives the same number on every run and platform (unlike string.GetHashCode).</summary>
internal static class StableHash
{
    public static ulong Of(string salt, string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(salt + "|" + text))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }

        return hash;
    }

    /// <summary>A bucket 0..count-1.</summary>
    public static int Pick(string salt, string text, int count) => (int)(Of(salt, text) % (ulong)count);
}
