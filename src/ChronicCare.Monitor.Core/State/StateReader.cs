using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using ChronicCare.Monitor.Contract;

namespace ChronicCare.Monitor.State;

/// <summary>
/// Reads what <see cref="StateWriter"/> wrote. Every read is bounds-checked and every count is checked against
/// the bytes left, so a truncated or corrupt blob fails with <see cref="InvalidDataException"/> rather than an
/// out-of-range read or a huge allocation.
/// </summary>
internal sealed class StateReader
{
    private readonly byte[] _data;
    private readonly List<string> _strings = [];
    private int _pos;

    public StateReader(byte[] data)
    {
        _data = data;
    }

    public bool AtEnd => _pos == _data.Length;

    public byte Byte()
    {
        if (_pos >= _data.Length)
        {
            throw Truncated();
        }

        return _data[_pos++];
    }

    public bool Bool() => Byte() switch
    {
        0 => false,
        1 => true,
        var b => throw new InvalidDataException($"patient state: {b} is not a boolean"),
    };

    public ulong UInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Byte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("patient state: varint longer than 64 bits");
    }

    public long Int()
    {
        var raw = UInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public int Int32()
    {
        var v = Int();
        return v is < int.MinValue or > int.MaxValue ? throw new InvalidDataException("patient state: number out of range") : (int)v;
    }

    public uint UInt32()
    {
        var v = UInt();
        return v > uint.MaxValue ? throw new InvalidDataException("patient state: number out of range") : (uint)v;
    }

    /// <summary>A count of items, each at least one byte long: more than the bytes left means the blob is corrupt.</summary>
    public int Count()
    {
        var v = UInt();
        return v > (ulong)(_data.Length - _pos) ? throw new InvalidDataException("patient state: count exceeds the blob") : (int)v;
    }

    public long Fixed64()
    {
        var span = Take(8);
        return BinaryPrimitives.ReadInt64LittleEndian(span);
    }

    public double Double() => BitConverter.Int64BitsToDouble(Fixed64());

    public string? Str()
    {
        var tag = UInt();
        if (tag == 0)
        {
            return null;
        }

        if ((tag & 1) == 0)
        {
            var index = (tag >> 1) - 1;
            return index < (ulong)_strings.Count ? _strings[(int)index] : throw new InvalidDataException("patient state: unknown string reference");
        }

        var length = tag >> 1;
        if (length > (ulong)(_data.Length - _pos))
        {
            throw Truncated();
        }

        var s = Encoding.UTF8.GetString(Take((int)length));
        _strings.Add(s);
        return s;
    }

    public string RequiredStr() => Str() ?? throw new InvalidDataException("patient state: missing a required string");

    public decimal Decimal()
    {
        var header = Byte();
        var scale = (byte)(header & 0x1F);
        if (scale > 28 || (header & 0x20) != 0)
        {
            throw new InvalidDataException("patient state: bad decimal");
        }

        int lo, mid, hi;
        if ((header & 0x40) != 0)
        {
            lo = (int)UInt32();
            mid = (int)UInt32();
            hi = (int)UInt32();
        }
        else
        {
            var m = UInt();
            lo = (int)(uint)m;
            mid = (int)(uint)(m >> 32);
            hi = 0;
        }

        return new decimal(lo, mid, hi, (header & 0x80) != 0, scale);
    }

    public decimal? NullableDecimal() => Bool() ? Decimal() : null;

    public DateOnly Day()
    {
        var n = Int();
        return n is < 0 or > 3652058 ? throw new InvalidDataException("patient state: day out of range") : DateOnly.FromDayNumber((int)n);
    }

    public DateOnly? NullableDay()
    {
        var n = UInt();
        return n == 0 ? null : n > 3652059 ? throw new InvalidDataException("patient state: day out of range") : DateOnly.FromDayNumber((int)n - 1);
    }

    public DateTimeOffset Time()
    {
        var utcTicks = Fixed64();
        var minutes = Int();
        if (minutes is < -14 * 60 or > 14 * 60)
        {
            throw new InvalidDataException("patient state: bad time offset");
        }

        var offset = TimeSpan.FromMinutes(minutes);
        var local = utcTicks + offset.Ticks;
        return local < DateTime.MinValue.Ticks || local > DateTime.MaxValue.Ticks || utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks
            ? throw new InvalidDataException("patient state: time out of range")
            : new DateTimeOffset(local, offset);
    }

    public Timestamp Timestamp() => new(Time());

    public Timestamp? NullableTimestamp() => Bool() ? Timestamp() : null;

    /// <summary>An int-backed enum written as its number; values the enum does not define are corrupt data.</summary>
    public T Enum<T>()
        where T : struct, Enum
    {
        var v = (int)UInt32();
        var e = Unsafe.As<int, T>(ref v);
        return System.Enum.IsDefined(e) ? e : throw new InvalidDataException($"patient state: {v} is not a {typeof(T).Name}");
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length > _data.Length - _pos)
        {
            throw Truncated();
        }

        var span = _data.AsSpan(_pos, length);
        _pos += length;
        return span;
    }

    private static InvalidDataException Truncated() => new("patient state blob is truncated");
}
