using ChronicCare.Monitor.Modeling.Odds;
using ChronicCare.Monitor.Streaming.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Modeling.Tests.Odds;

public class OddsBenchmarkTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Shared, "datasets", "odds");

    [Fact]
    public void Run_WbcTwoSplits_RocAucInASaneRange()
    {
        var result = OddsBenchmark.Run(new OddsBenchmarkOptions(Folder, Splits: 2, Seed: 42, Trees: 100) { Tables = ["wbc"] });

        var wbc = Assert.Single(result.Tables);
        Assert.Equal(378, wbc.Rows);
        Assert.InRange(wbc.IfRocAuc, 0.6, 1);
        Assert.InRange(wbc.PcaRocAuc, 0.6, 1);
        Assert.InRange(wbc.IfAp, 0, 1);
        Assert.Contains("| wbc | 378 | 5.6 |", result.Markdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SameSeed_SameFigures()
    {
        var options = new OddsBenchmarkOptions(Folder, Splits: 2, Seed: 5, Trees: 20) { Tables = ["wbc"] };

        Assert.Equal(OddsBenchmark.Run(options).Tables[0], OddsBenchmark.Run(options).Tables[0]);
    }

    [Fact]
    public void Run_MissingFolder_ThrowsDirectoryNotFound()
    {
        Assert.Throws<DirectoryNotFoundException>(() => OddsBenchmark.Run(new OddsBenchmarkOptions(Path.Combine(Folder, "nope"))));
    }

    [Fact]
    public void Load_BadNumber_ThrowsNamingFileAndLine()
    {
        var dir = Directory.CreateTempSubdirectory("odds-");
        try
        {
            var file = Path.Combine(dir.FullName, "bad.csv");
            File.WriteAllText(file, "label,v1,v2\nnominal,1,2\nanomaly,x,3\n");

            var e = Assert.Throws<InvalidDataException>(() => OddsTable.Load(file));

            Assert.Equal("bad.csv:3: v1 \"x\" is not a finite number", e.Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
