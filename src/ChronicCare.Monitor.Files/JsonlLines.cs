namespace ChronicCare.Monitor.Files;

/// <summary>One non-blank line of a JSONL file: its 1-based number and its bytes (without the line break).</summary>
public readonly record struct RawLine(long LineNo, ReadOnlyMemory<byte> Bytes);

/// <summary>
/// Splits a JSONL stream into lines without decoding it: large blocks that end at a line break, then the lines
/// of each block as slices. Blank lines are not events and are skipped (their numbers still count); a trailing
/// line without a newline is read; CR before LF is dropped.
/// </summary>
public static class JsonlLines
{
    private const int BlockBytes = 4 << 20;

    /// <summary>Every non-blank line of the stream, in order.</summary>
    public static IEnumerable<RawLine> Read(Stream stream)
    {
        long lineNo = 0;
        foreach (var block in Blocks(stream, null, CancellationToken.None))
        {
            foreach (var line in Split(block, ref lineNo))
            {
                yield return line;
            }
        }
    }

    /// <summary>Blocks of whole lines; <paramref name="onRead"/> gets the bytes read so far.</summary>
    public static IEnumerable<byte[]> Blocks(Stream stream, Action<long>? onRead, CancellationToken ct)
    {
        var buffer = new byte[BlockBytes];
        var filled = 0;
        long total = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var n = stream.Read(buffer, filled, buffer.Length - filled);
            total += n;
            onRead?.Invoke(total);
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
                yield return buffer.AsSpan(0, cut).ToArray();
            }

            if (eof)
            {
                yield break;
            }

            buffer.AsSpan(cut, filled - cut).CopyTo(buffer);
            filled -= cut;
        }
    }

    /// <summary>The non-blank lines of one block; <paramref name="lineNo"/> is the number of the line before it and is advanced past it.</summary>
    public static List<RawLine> Split(byte[] block, ref long lineNo)
    {
        var lines = new List<RawLine>(block.Length / 512);
        var pos = 0;
        while (pos < block.Length)
        {
            var nl = block.AsSpan(pos).IndexOf((byte)'\n');
            var end = nl < 0 ? block.Length : pos + nl;
            lineNo++;
            if (lineNo == 1 && block.AsSpan(pos).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                // A UTF-8 byte order mark is not part of the first event.
                pos += 3;
            }

            var len = end - pos;
            if (len > 0 && block[end - 1] == (byte)'\r')
            {
                len--;
            }

            if (block.AsSpan(pos, len).IndexOfAnyExcept(" \t\r"u8) >= 0)
            {
                lines.Add(new RawLine(lineNo, new ReadOnlyMemory<byte>(block, pos, len)));
            }

            pos = end + 1;
        }

        return lines;
    }
}
