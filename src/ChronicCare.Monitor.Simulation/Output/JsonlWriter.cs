using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ChronicCare.Monitor.Simulation.Output;

/// <summary>
/// One JSONL file: records are written with a <see cref="Utf8JsonWriter"/> into a buffer, each followed by a
/// newline, and the buffer goes to disk in 1 MiB writes. Nothing but the current buffer is held in memory.
/// </summary>
internal sealed class JsonlWriter : IDisposable
{
    private const int FlushAt = 1 << 20;
    private readonly BackgroundFileSink _sink;
    private readonly ByteBuffer _buffer = new(FlushAt + (64 * 1024));
    private readonly Utf8JsonWriter _json;
    private int _recordStart;
    private bool _closed;

    public JsonlWriter(string path, bool unicodeText = false)
    {
        _sink = new BackgroundFileSink(path);

        // Reference data carries Chinese names: write them as UTF-8 rather than \u escapes (still valid JSON).
        var options = new JsonWriterOptions
        {
            SkipValidation = true,
            Encoder = unicodeText ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : null,
        };
        _json = new Utf8JsonWriter(_buffer, options);
    }

    public long Lines { get; private set; }

    public long Bytes { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Utf8JsonWriter Begin()
    {
        _recordStart = _buffer.WrittenCount;
        return _json;
    }

    /// <summary>Ends the record begun by <see cref="Begin"/>; returns its bytes (valid until the next write).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> End()
    {
        _json.Flush();
        _json.Reset();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        Lines++;
        return _buffer.WrittenSpan[_recordStart..];
    }

    /// <summary>Takes the record just ended back out of the file (it is written later with <see cref="WriteRaw"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public byte[] Withdraw()
    {
        var bytes = _buffer.WrittenSpan[_recordStart..].ToArray();
        _buffer.Truncate(_recordStart);
        Lines--;
        return bytes;
    }

    /// <summary>Writes a complete record (newline included) as it is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteRaw(ReadOnlySpan<byte> record)
    {
        _buffer.Write(record);
        Lines++;
        FlushIfFull();
    }

    /// <summary>Between records: writes the buffer out once it is large.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FlushIfFull()
    {
        if (_buffer.WrittenCount >= FlushAt)
        {
            Drain();
        }
    }

    /// <summary>Writes what is buffered and closes the file; idempotent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        Drain();
        _json.Dispose();
        _sink.Close();
    }

    public void Dispose() => Close();

    /// <summary>Hands the buffered records to the sink and continues in a fresh (recycled) buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Drain()
    {
        if (_buffer.WrittenCount == 0)
        {
            return;
        }

        var length = _buffer.WrittenCount;
        Bytes += length;
        _sink.Submit(_buffer.Swap(_sink.Rent(FlushAt + (64 * 1024))), length);
    }
}
