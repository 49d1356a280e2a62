using System.Buffers;
using System.Runtime.CompilerServices;

namespace ChronicCare.Monitor.Simulation.Output;

/// <summary>
/// A growable byte buffer for <see cref="System.Text.Json.Utf8JsonWriter"/> that, unlike ArrayBufferWriter, can
/// give back the tail just written (<see cref="Truncate"/>): that is how a record is held back as a late arrival.
/// </summary>
internal sealed class ByteBuffer : IBufferWriter<byte>
{
    private byte[] _data;

    public ByteBuffer(int capacity) => _data = new byte[capacity];

    public int WrittenCount { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _data.AsSpan(0, WrittenCount);

    public void Advance(int count) => WrittenCount += count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _data.AsMemory(WrittenCount);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _data.AsSpan(WrittenCount);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_data.AsSpan(WrittenCount));
        WrittenCount += bytes.Length;
    }

    public void Truncate(int count) => WrittenCount = count;

    public void Clear() => WrittenCount = 0;

    /// <summary>Continues in <paramref name="fresh"/> (empty) and returns the old backing array.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public byte[] Swap(byte[] fresh)
    {
        var old = _data;
        _data = fresh;
        WrittenCount = 0;
        return old;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Ensure(int sizeHint)
    {
        var need = WrittenCount + Math.Max(sizeHint, 256);
        if (need > _data.Length)
        {
            Array.Resize(ref _data, Math.Max(need, _data.Length * 2));
        }
    }
}
