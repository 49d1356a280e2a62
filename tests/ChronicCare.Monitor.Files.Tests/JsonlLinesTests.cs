using System.Text;
using Xunit;

namespace ChronicCare.Monitor.Files.Tests;

public sealed class JsonlLinesTests
{
    private static List<(long No, string Text)> Lines(string content) =>
        JsonlLines.Read(new MemoryStream(Encoding.UTF8.GetBytes(content))).Select(l => (l.LineNo, Encoding.UTF8.GetString(l.Bytes.Span))).ToList();

    [Fact]
    public void Read_BlankLinesAndCrLf_SkippedButCounted()
    {
        var lines = Lines("{\"a\":1}\r\n\r\n   \n{\"b\":2}\n");
        Assert.Equal([(1L, "{\"a\":1}"), (4L, "{\"b\":2}")], lines);
    }

    [Fact]
    public void Read_Utf8ByteOrderMark_IsNotPartOfTheFirstLine()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("{\"a\":1}\n")).ToArray();
        var line = Assert.Single(JsonlLines.Read(new MemoryStream(bytes)));
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(line.Bytes.Span));
    }

    [Fact]
    public void Read_LastLineWithoutNewline_IsRead()
    {
        Assert.Equal([(1L, "x"), (2L, "y")], Lines("x\ny"));
    }

    [Fact]
    public void Read_LineLongerThanABlock_ComesWhole()
    {
        var big = new string('z', 9 << 20);
        var lines = Lines($"a\n{big}\nb\n");
        Assert.Equal(3, lines.Count);
        Assert.Equal(big.Length, lines[1].Text.Length);
        Assert.Equal((3L, "b"), lines[2]);
    }

    [Fact]
    public void Read_ManyBlocks_NumbersStayContinuous()
    {
        var sb = new StringBuilder();
        for (var i = 1; i <= 200_000; i++)
        {
            sb.Append("{\"n\":").Append(i).Append("}\n");
        }

        var lines = Lines(sb.ToString());
        Assert.Equal(200_000, lines.Count);
        Assert.All(lines, l => Assert.Equal($"{{\"n\":{l.No}}}", l.Text));
    }

    [Fact]
    public void BlockReader_BadLine_KeepsItsBytesAndNumber()
    {
        var reader = new JsonlBlockReader(2);
        var parsed = reader.Read(new MemoryStream(Encoding.UTF8.GetBytes("\nnot json\n"))).SelectMany(b => b).ToList();
        var bad = Assert.Single(parsed);
        Assert.Equal(2, bad.LineNo);
        Assert.True(bad.Outcome.IsBad);
        Assert.Equal("not json", Encoding.UTF8.GetString(bad.Original.Span));
    }
}
