using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ChronicCare.Monitor.Alerts;

/// <summary>
/// Writes an alert's evidence object: what a reviewer needs to judge the alert without looking elsewhere
/// (contract §4). Only built when a rule fires, so the allocation stays off the common path.
/// </summary>
public sealed class EvidenceBuilder : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _writer;

    public EvidenceBuilder()
    {
        _writer = new Utf8JsonWriter(_buffer, Options);
        _writer.WriteStartObject();
    }

    public Utf8JsonWriter Writer => _writer;

    public EvidenceBuilder Str(string name, string? value)
    {
        if (value is null)
        {
            _writer.WriteNull(name);
        }
        else
        {
            _writer.WriteString(name, value);
        }

        return this;
    }

    public EvidenceBuilder Num(string name, long value)
    {
        _writer.WriteNumber(name, value);
        return this;
    }

    public EvidenceBuilder Num(string name, decimal value)
    {
        _writer.WriteNumber(name, value);
        return this;
    }

    public EvidenceBuilder Num(string name, decimal? value)
    {
        if (value is null)
        {
            _writer.WriteNull(name);
        }
        else
        {
            _writer.WriteNumber(name, value.Value);
        }

        return this;
    }

    public EvidenceBuilder Bool(string name, bool value)
    {
        _writer.WriteBoolean(name, value);
        return this;
    }

    public EvidenceBuilder Date(string name, DateOnly value)
    {
        _writer.WriteString(name, value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return this;
    }

    public EvidenceBuilder Strings(string name, IEnumerable<string> values)
    {
        _writer.WriteStartArray(name);
        foreach (var v in values)
        {
            _writer.WriteStringValue(v);
        }

        _writer.WriteEndArray();
        return this;
    }

    /// <summary>Appends the notes (unknown reference records, late arrival) and returns the JSON text.</summary>
    public string Build(IReadOnlyList<string>? notes)
    {
        if (notes is { Count: > 0 })
        {
            Strings("notes", notes);
        }

        _writer.WriteEndObject();
        _writer.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    public void Dispose() => _writer.Dispose();
}
