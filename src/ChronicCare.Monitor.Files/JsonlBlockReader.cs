using System.Buffers;
using ChronicCare.Monitor.Parsing;

namespace ChronicCare.Monitor.Files;

/// <summary>One parsed line: its 1-based number, the outcome, and the original bytes when it is bad.</summary>
public readonly record struct ParsedLine(long LineNo, ParseOutcome Outcome, ReadOnlyMemory<byte> Original);

/// <summary>
/// Reads a JSONL file in large blocks and parses each block's lines on several cores, handing back blocks in
/// file order. Parsing is most of the cost of batch detection, so it is what gets the second core.
/// Blank lines are not events and are skipped; a trailing line without a newline is read.
/// </summary>
public sealed class JsonlBlockReader
{
    private const int BlockBytes = 4 << 20;
    private readonly int _parallelism;

    public JsonlBlockReader(int parallelism)
    {
        _parallelism = Math.Max(1, parallelism);
    }

    /// <summary>Bytes read so far (for progress).</summary>
    public long BytesRead { get; private set; }

    public IEnumerable<ParsedLine[]> Read(Stream stream, CancellationToken ct = default)
    {
        var parsers = new ThreadLocal<EventParser>(() => new EventParser());
        var buffer = new byte[BlockBytes];
        var filled = 0;
        long lineNo = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var n = stream.Read(buffer, filled, buffer.Length - filled);
            BytesRead += n;
            filled += n;
            var eof = n == 0;
            var cut = eof ? filled : buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
            if (cut == 0 && !eof)
            {
                // A line longer than the buffer: grow it.
                Array.Resize(ref buffer, buffer.Length * 2);
                continue;
            }

            if (cut > 0)
            {
                var block = buffer.AsSpan(0, cut).ToArray();
                var parsed = ParseBlock(block, lineNo, parsers, out var lines);
                lineNo += lines;
                if (parsed.Length > 0)
                {
                    yield return parsed;
                }
            }

            if (eof)
            {
                yield break;
            }

            buffer.AsSpan(cut, filled - cut).CopyTo(buffer);
            filled -= cut;
        }
    }

    private ParsedLine[] ParseBlock(byte[] block, long firstLineNo, ThreadLocal<EventParser> parsers, out long lineCount)
    {
        var starts = new List<(int Start, int Length, long LineNo)>(block.Length / 512);
        var pos = 0;
        long line = firstLineNo;
        while (pos < block.Length)
        {
            var nl = block.AsSpan(pos).IndexOf((byte)'\n');
            var end = nl < 0 ? block.Length : pos + nl;
            line++;
            var len = end - pos;
            if (len > 0 && block[end - 1] == (byte)'\r')
            {
                len--;
            }

            if (!IsBlank(block.AsSpan(pos, len)))
            {
                starts.Add((pos, len, line));
            }

            pos = end + 1;
        }

        lineCount = line - firstLineNo;
        var result = new ParsedLine[starts.Count];
        void ParseRange(int from, int to)
        {
            var parser = parsers.Value!;
            for (var i = from; i < to; i++)
            {
                var (s, l, no) = starts[i];
                var mem = new ReadOnlyMemory<byte>(block, s, l);
                var outcome = parser.Parse(mem.Span);
                result[i] = new ParsedLine(no, outcome, outcome.IsBad ? mem : ReadOnlyMemory<byte>.Empty);
            }
        }

        if (_parallelism == 1 || starts.Count < 2048)
        {
            ParseRange(0, starts.Count);
        }
        else
        {
            var chunk = (starts.Count + (_parallelism * 4) - 1) / (_parallelism * 4);
            Parallel.For(0, _parallelism * 4, new ParallelOptions { MaxDegreeOfParallelism = _parallelism },
                k => ParseRange(k * chunk, Math.Min(starts.Count, (k + 1) * chunk)));
        }

        return result;
    }

    private static bool IsBlank(ReadOnlySpan<byte> s) => s.IndexOfAnyExcept(" \t\r"u8) < 0;
}
