using ChronicCare.Monitor.Simulation.Synthea;
using Xunit;

namespace ChronicCare.Monitor.Simulation.Tests.Synthea;

public sealed class CsvReaderTests
{
    [Fact]
    public void Parse_QuotedFieldWithCommaAndDoubledQuote_KeepsOneField()
    {
        var rows = CsvReader.Parse("a,\"b, \"\"c\"\"\",d\n");
        var row = Assert.Single(rows);
        Assert.Equal(["a", "b, \"c\"", "d"], row);
    }

    [Fact]
    public void Parse_QuotedLineBreakAndCrLf_SplitsRecordsOnlyOutsideQuotes()
    {
        var rows = CsvReader.Parse("h1,h2\r\n\"x\r\ny\",2\r\n3,4");
        Assert.Equal(3, rows.Count);
        Assert.Equal(["x\r\ny", "2"], rows[1]);
        Assert.Equal(["3", "4"], rows[2]);
    }

    [Fact]
    public void Parse_EmptyFields_AreEmptyStrings()
    {
        var row = Assert.Single(CsvReader.Parse(",,\"\"\n"));
        Assert.Equal(["", "", ""], row);
    }
}
