using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ChronicCare.Monitor.Simulation.Synthea;

/// <summary>A JSONL output file: one <see cref="Utf8JsonWriter"/> record per line, UTF-8 text unescaped (Chinese names stay readable).</summary>
internal sealed class JsonlFile : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly FileStream _stream;
    private readonly BufferedStream _buffer;
    private readonly Utf8JsonWriter _json;

    public JsonlFile(string path)
    {
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        _buffer = new BufferedStream(_stream, 1 << 20);
        _json = new Utf8JsonWriter(_buffer, Options);
    }

    public long Lines { get; private set; }

    public Utf8JsonWriter Writer => _json;

    /// <summary>Ends the record written to <see cref="Writer"/> with a newline.</summary>
    public void EndRecord()
    {
        _json.Flush();
        _json.Reset();
        _buffer.WriteByte((byte)'\n');
        Lines++;
    }

    /// <summary>Money in hundredths as a number with two decimals (exact, no binary floating point).</summary>
    public static void Money(Utf8JsonWriter w, string name, long cents) =>
        w.WriteNumber(name, cents / 100m);

    public static void Date(Utf8JsonWriter w, string name, DateOnly date) =>
        w.WriteString(name, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public void Dispose()
    {
        _json.Dispose();
        _buffer.Dispose();
        _stream.Dispose();
    }
}
