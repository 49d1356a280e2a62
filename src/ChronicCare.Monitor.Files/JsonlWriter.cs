using System.Text.Json;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Files;

/// <summary>Writes contract records one JSON object per line (UTF-8, Chinese kept readable).</summary>
public sealed class JsonlWriter : IDisposable
{
    private static readonly JsonWriterOptions Options = ContractJson.WriterOptions;
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _writer;

    public JsonlWriter(string path)
        : this(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16))
    {
    }

    private JsonlWriter(Stream stream)
    {
        _stream = stream;
        _writer = new Utf8JsonWriter(_stream, Options);
    }

    /// <summary>A writer that keeps nothing (a job whose outputs nobody reads).</summary>
    public static JsonlWriter Discarding() => new(Stream.Null);

    public void Write(Alert a) => Line(() => ContractJson.Write(_writer, a));

    public void Write(IntegrityAction a) => Line(() => ContractJson.Write(_writer, a));

    public void Write(DeadLetter d) => Line(() => ContractJson.Write(_writer, d));

    public void Dispose()
    {
        _writer.Flush();
        _writer.Dispose();
        _stream.Dispose();
    }

    private void Line(Action write)
    {
        write();
        _writer.Flush();
        _stream.Write(NewLine);
        _writer.Reset();
    }
}
