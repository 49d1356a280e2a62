using ChronicCare.Monitor.Contract;

namespace ChronicCare.Monitor.Parsing;

/// <summary>
/// Strict ISO-8601 reading: <c>YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)</c>. The contract requires an offset
/// (the service date is the calendar date in the event's own offset), so a timestamp without one is bad.
/// Hand-written because it sits on the hot path of every event.
/// </summary>
public static class IsoTimestamp
{
    /// <summary>The same from UTF-8 bytes (the hot path: straight from the JSON reader).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Timestamp value)
    {
        if (utf8.Length > 40)
        {
            value = default;
            return false;
        }

        Span<char> chars = stackalloc char[utf8.Length];
        for (var i = 0; i < utf8.Length; i++)
        {
            chars[i] = (char)utf8[i];
        }

        return TryParse(chars, out value);
    }

    public static bool TryParse(ReadOnlySpan<char> s, out Timestamp value)
    {
        value = default;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!TryDigits(s, 0, 4, out var year) || !TryDigits(s, 5, 2, out var month) || !TryDigits(s, 8, 2, out var day)
            || !TryDigits(s, 11, 2, out var hour) || !TryDigits(s, 14, 2, out var minute) || !TryDigits(s, 17, 2, out var second))
        {
            return false;
        }

        var i = 19;
        long fractionTicks = 0;
        if (s[i] == '.')
        {
            i++;
            var start = i;
            long scale = TimeSpan.TicksPerSecond;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                scale /= 10;
                fractionTicks += (s[i] - '0') * scale;
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        if (i >= s.Length)
        {
            return false;
        }

        TimeSpan offset;
        if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == s.Length)
        {
            offset = TimeSpan.Zero;
        }
        else if ((s[i] == '+' || s[i] == '-') && i + 6 == s.Length && s[i + 3] == ':'
            && TryDigits(s, i + 1, 2, out var oh) && TryDigits(s, i + 4, 2, out var om) && oh <= 14 && om < 60)
        {
            offset = new TimeSpan(oh, om, 0);
            if (s[i] == '-')
            {
                offset = -offset;
            }
        }
        else
        {
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, year), month) || hour > 23 || minute > 59 || second > 59 || year < 1)
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
        value = new Timestamp(new DateTimeOffset(local, offset));
        return true;
    }

    /// <summary>Strict <c>YYYY-MM-DD</c>.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> s, out DateOnly value)
    {
        value = default;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-'
            || !TryDigits(s, 0, 4, out var y) || !TryDigits(s, 5, 2, out var m) || !TryDigits(s, 8, 2, out var d))
        {
            return false;
        }

        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return false;
        }

        value = new DateOnly(y, m, d);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (var k = start; k < start + count; k++)
        {
            var c = s[k];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
