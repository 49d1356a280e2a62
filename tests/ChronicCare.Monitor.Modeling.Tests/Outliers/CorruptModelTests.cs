using System.Text.Json.Nodes;
using ChronicCare.Monitor.Modeling.Forest;
using ChronicCare.Monitor.Modeling.Pca;
using ChronicCare.Monitor.Modeling.Tests.Support;
using ChronicCare.Monitor.Outliers;
using Xunit;

namespace ChronicCare.Monitor.Modeling.Tests.Outliers;

public class CorruptModelTests
{
    private static readonly double[][] Rows = Synthetic.Blob(300, 5, 6).Rows;
    private static readonly string ForestJson = Json.Write(IsolationForestTrainer.Train(Rows, new(3, 64, 1)).Write);
    private static readonly string PcaJson = Json.Write(PcaTrainer.Train(Rows, new()).Write);

    [Fact]
    public void Read_ChildIndexOutOfRange_ThrowsNamingIt()
    {
        var e = ReadForest(o => Tree(o)["left"]![0] = 10_000);

        Assert.Contains("child index 10000 is out of range", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ChildPointingBackwards_ThrowsNamingIt()
    {
        var e = ReadForest(o => Tree(o)["right"]![0] = 0);

        Assert.Contains("child index 0 is out of range", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TreeArraysOfDifferentLengths_ThrowsNamingTheArray()
    {
        var e = ReadForest(o => Tree(o)["threshold"]!.AsArray().RemoveAt(0));

        Assert.Contains("\"threshold\" has", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FeatureBeyondDimensions_ThrowsNamingIt()
    {
        var e = ReadForest(o => Tree(o)["feature"]![0] = 5);

        Assert.Contains("feature 5 is outside 0..4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NaNThreshold_ThrowsNamingIt()
    {
        var e = ReadForest(o => Tree(o)["threshold"]![0] = "NaN");

        Assert.Contains("\"threshold\"[0] is not a finite number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingProperty_ThrowsNamingIt()
    {
        var e = ReadForest(o => o.Remove("sample_size"));

        Assert.Contains("missing \"sample_size\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PcaNaNMean_ThrowsNamingIt()
    {
        var e = Assert.Throws<ModelFormatException>(() => PcaScorer.Read(Json.Edit(PcaJson, o => o["mean"]![2] = "NaN")));

        Assert.Contains("\"mean\"[2] is not a finite number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PcaComponentRowTooShort_ThrowsNamingIt()
    {
        var e = Assert.Throws<ModelFormatException>(() => PcaScorer.Read(Json.Edit(PcaJson, o => o["components"]![1]!.AsArray().RemoveAt(0))));

        Assert.Contains("\"components\"[1] has 4 entries, expected 5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PcaEigenvaluesAndComponentsDisagree_ThrowsNamingBoth()
    {
        var e = Assert.Throws<ModelFormatException>(() => PcaScorer.Read(Json.Edit(PcaJson, o => o["eigenvalues"]!.AsArray().RemoveAt(0))));

        Assert.Contains("\"components\" has 5 rows, \"eigenvalues\" 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PcaUnknownMode_ThrowsNamingIt()
    {
        var e = Assert.Throws<ModelFormatException>(() => PcaScorer.Read(Json.Edit(PcaJson, o => o["mode"] = "kernel")));

        Assert.Contains("unknown mode \"kernel\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownKind_ThrowsNamingIt()
    {
        var e = Assert.Throws<ModelFormatException>(() => OutlierScorers.Read("one_class_svm", Json.Parse(ForestJson)));

        Assert.Contains("unknown scorer kind \"one_class_svm\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotAnObject_Throws()
    {
        Assert.Throws<ModelFormatException>(() => OutlierScorers.Read(IsolationForest.Kind, Json.Parse("[1,2]")));
    }

    [Fact]
    public void Read_KindOfTheOtherScorer_ThrowsRatherThanMisreading()
    {
        var e = Assert.Throws<ModelFormatException>(() => OutlierScorers.Read(PcaScorer.Kind, Json.Parse(ForestJson)));

        Assert.Contains("pca: missing", e.Message, StringComparison.Ordinal);
    }

    private static ModelFormatException ReadForest(Action<JsonObject> corrupt) =>
        Assert.Throws<ModelFormatException>(() => IsolationForest.Read(Json.Edit(ForestJson, corrupt)));

    private static JsonObject Tree(JsonObject forest) => forest["trees"]![0]!.AsObject();
}
