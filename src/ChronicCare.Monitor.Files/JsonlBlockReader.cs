using ChronicCare.Monitor.Parsing;

namespace ChronicCare.Monitor.Files;

/// <summary>One parsed line: its 1-based number, the outcome, and the original bytes when it is bad.</summary>
public readonly record struct ParsedLine(long LineNo, ParseOutcome Outcome, ReadOnlyMemory<byte> Original);

/// <summary>
/// Reads a JSONL file in large blocks (<see cref="JsonlLines"/>) and parses each block's lines on several cores,
/// handing back blocks in file order. Parsing is most of the cost of batch detection, so it gets the cores.
/// </summary>
public sealed class JsonlBlockReader
{
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
        long lineNo = 0;
        foreach (var block in JsonlLines.Blocks(stream, n => BytesRead = n, ct))
        {
            var lines = JsonlLines.Split(block, ref lineNo);
            if (lines.Count > 0)
            {
                yield return Parse(lines, parsers);
            }
        }
    }

    private ParsedLine[] Parse(List<RawLine> lines, ThreadLocal<EventParser> parsers)
    {
        var result = new ParsedLine[lines.Count];
        void ParseRange(int from, int to)
        {
            var parser = parsers.Value!;
            for (var i = from; i < to; i++)
            {
                var line = lines[i];
                var outcome = parser.Parse(line.Bytes.Span);
                result[i] = new ParsedLine(line.LineNo, outcome, outcome.IsBad ? line.Bytes : ReadOnlyMemory<byte>.Empty);
            }
        }

        if (_parallelism == 1 || lines.Count < 2048)
        {
            ParseRange(0, lines.Count);
        }
        else
        {
            var parts = _parallelism * 4;
            var chunk = (lines.Count + parts - 1) / parts;
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = _parallelism },
                k => ParseRange(Math.Min(lines.Count, k * chunk), Math.Min(lines.Count, (k + 1) * chunk)));
        }

        return result;
    }
}
