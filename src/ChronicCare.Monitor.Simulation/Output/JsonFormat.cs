using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ChronicCare.Monitor.Simulation.Output;

/// <summary>
/// Hand-formatted values on the hot path: money as a JSON number with exactly two decimals (never binary
/// floating point, so 0.1 + 0.2 problems cannot appear), timestamps as ISO-8601 with the +08:00 offset, ids
/// from their numeric parts. Values go in with WriteRawValue: they are digits and ASCII by construction.
/// </summary>
internal static class JsonFormat
{
    /// <summary>Writes cents (or hundredths) as a number with two decimals: 1050 → 10.50.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Money(Utf8JsonWriter w, JsonEncodedText name, long cents)
    {
        w.WritePropertyName(name);
        Money(w, cents);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Money(Utf8JsonWriter w, long cents)
    {
        Span<byte> buf = stackalloc byte[24];
        var negative = cents < 0;
        var v = negative ? -cents : cents;
        var pos = buf.Length;
        buf[--pos] = (byte)('0' + (v % 10));
        v /= 10;
        buf[--pos] = (byte)('0' + (v % 10));
        v /= 10;
        buf[--pos] = (byte)'.';
        do
        {
            buf[--pos] = (byte)('0' + (v % 10));
            v /= 10;
        }
        while (v > 0);

        if (negative)
        {
            buf[--pos] = (byte)'-';
        }

        w.WriteRawValue(buf[pos..], skipInputValidation: true);
    }

    /// <summary>"yyyy-MM-ddTHH:mm:ss+08:00" (China Standard Time has no daylight saving).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Timestamp(Utf8JsonWriter w, JsonEncodedText name, DateTime local)
    {
        Span<byte> buf = stackalloc byte[27];
        var (year, month, day) = local;
        var secondsOfDay = (int)(local.TimeOfDay.Ticks / TimeSpan.TicksPerSecond);
        var hour = secondsOfDay / 3600;
        var minute = secondsOfDay / 60 % 60;
        var second = secondsOfDay % 60;
        buf[0] = (byte)'"';
        Digits4(buf, 1, year);
        buf[5] = (byte)'-';
        Digits2(buf, 6, month);
        buf[8] = (byte)'-';
        Digits2(buf, 9, day);
        buf[11] = (byte)'T';
        Digits2(buf, 12, hour);
        buf[14] = (byte)':';
        Digits2(buf, 15, minute);
        buf[17] = (byte)':';
        Digits2(buf, 18, second);
        "+08:00\""u8.CopyTo(buf[20..]);
        w.WritePropertyName(name);
        w.WriteRawValue(buf, skipInputValidation: true);
    }

    /// <summary>
    /// An id made of a prefix, an 8-digit patient number and a 4-digit sequence: S000000120003 for settlements,
    /// RX… for prescriptions ('R' stands for the two-letter prefix).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Id(Utf8JsonWriter w, JsonEncodedText name, byte prefix, int patient, int sequence)
    {
        Span<byte> buf = stackalloc byte[16];
        var pos = 0;
        buf[pos++] = (byte)'"';
        buf[pos++] = prefix;
        if (prefix == (byte)'R')
        {
            buf[pos++] = (byte)'X';
        }

        Digits4(buf, pos, patient / 10000);
        Digits4(buf, pos + 4, patient % 10000);
        Digits4(buf, pos + 8, sequence);
        pos += 12;
        buf[pos++] = (byte)'"';
        w.WritePropertyName(name);
        w.WriteRawValue(buf[..pos], skipInputValidation: true);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Date(Utf8JsonWriter w, JsonEncodedText name, DateOnly date)
    {
        Span<byte> buf = stackalloc byte[12];
        buf[0] = (byte)'"';
        Digits4(buf, 1, date.Year);
        buf[5] = (byte)'-';
        Digits2(buf, 6, date.Month);
        buf[8] = (byte)'-';
        Digits2(buf, 9, date.Day);
        buf[11] = (byte)'"';
        w.WritePropertyName(name);
        w.WriteRawValue(buf, skipInputValidation: true);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Digits2(Span<byte> dst, int at, int value)
    {
        dst[at] = (byte)('0' + (value / 10));
        dst[at + 1] = (byte)('0' + (value % 10));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Digits4(Span<byte> dst, int at, int value)
    {
        Digits2(dst, at, value / 100);
        Digits2(dst, at + 2, value % 100);
    }
}
