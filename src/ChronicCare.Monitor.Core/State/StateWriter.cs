using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using ChronicCare.Monitor.Contract;

namespace ChronicCare.Monitor.State;

/// <summary>
/// The primitives of the persisted patient state (<see cref="PatientStateCodec"/>): 7-bit varints (zig-zag when
/// signed), fixed 8-byte ticks (varints would take 9), decimals as scale and mantissa, and strings once per blob:
/// the codes, ids and messages that repeat across a patient's settlements and alerts are written the first time
/// and referred to by number after, which also makes the restored state share one copy of each.
/// </summary>
internal sealed class StateWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Dictionary<string, int> _strings = new(StringComparer.Ordinal);

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public void Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public void UInt(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[n++] = (byte)value;
        _buffer.Advance(n);
    }

    public void Int(long value) => UInt((ulong)((value << 1) ^ (value >> 63)));

    public void Count(int count) => UInt((uint)count);

    public void Fixed64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void Double(double value) => Fixed64(BitConverter.DoubleToInt64Bits(value));

    /// <summary>Tag 0: null; odd: a new string of (tag &gt;&gt; 1) UTF-8 bytes; even: the ((tag &gt;&gt; 1) - 1)th string already written.</summary>
    public void Str(string? value)
    {
        if (value is null)
        {
            UInt(0);
            return;
        }

        if (_strings.TryGetValue(value, out var index))
        {
            UInt((ulong)(index + 1) << 1);
            return;
        }

        _strings[value] = _strings.Count;
        var length = Encoding.UTF8.GetByteCount(value);
        UInt(((ulong)length << 1) | 1);
        _buffer.Advance(Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length)));
    }

    /// <summary>
    /// A header byte (scale in bits 0-4, bit 6: the mantissa needs 96 bits, bit 7: negative) then the mantissa.
    /// Exact, scale included: 10.0 and 10.00 print differently in evidence.
    /// </summary>
    public void Decimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (byte)((bits[3] >> 16) & 0x1F);
        var wide = bits[2] != 0;
        Byte((byte)(scale | (wide ? 0x40 : 0) | (bits[3] < 0 ? 0x80 : 0)));
        if (wide)
        {
            UInt((uint)bits[0]);
            UInt((uint)bits[1]);
            UInt((uint)bits[2]);
        }
        else
        {
            UInt(((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
        }
    }

    public void NullableDecimal(decimal? value)
    {
        Bool(value.HasValue);
        if (value is { } v)
        {
            Decimal(v);
        }
    }

    public void Day(DateOnly value) => Int(value.DayNumber);

    /// <summary>Day number + 1, 0 for none.</summary>
    public void NullableDay(DateOnly? value) => UInt(value is { } d ? (ulong)d.DayNumber + 1 : 0);

    /// <summary>UTC ticks and the offset in minutes: the instant and its printed form (<see cref="Timestamp.ToString"/>) both survive.</summary>
    public void Time(DateTimeOffset value)
    {
        Fixed64(value.UtcTicks);
        Int((long)value.Offset.TotalMinutes);
    }

    public void Time(Timestamp value) => Time(value.Value);

    public void NullableTime(Timestamp? value)
    {
        Bool(value.HasValue);
        if (value is { } v)
        {
            Time(v);
        }
    }
}
