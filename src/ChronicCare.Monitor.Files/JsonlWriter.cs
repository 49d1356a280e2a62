using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Files;

/// <summary>Writes contract records one JSON object per line (UTF-8, Chinese kept readable).</summary>
public sealed class JsonlWriter : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _writer;

    public JsonlWriter(string path)
    {
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        _writer = new Utf8JsonWriter(_stream, Options);
    }

    public void Write(Alert a) => Line(() => ContractJson.Write(_writer, a));

    public void Write(IntegrityAction a) => Line(() => ContractJson.Write(_writer, a));

    public void Write(DeadLetter d) => Line(() =>
    {
        _writer.WriteStartObject();
        if (d.Partition is { } p)
        {
            _writer.WriteString("topic", d.Source);
            _writer.WriteNumber("partition", p);
            _writer.WriteNumber("offset", d.Line);
        }
        else
        {
            _writer.WriteString("file", d.Source);
            _writer.WriteNumber("line", d.Line);
        }

        _writer.WriteString("reason", d.Reason);
        if (Utf8.IsValid(d.Original.Span))
        {
            _writer.WriteString("original", Encoding.UTF8.GetString(d.Original.Span));
        }
        else
        {
            _writer.WriteBase64String("original_base64", d.Original.Span);
        }

        _writer.WriteEndObject();
    });

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
