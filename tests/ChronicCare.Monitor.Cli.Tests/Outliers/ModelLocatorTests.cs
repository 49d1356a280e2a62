using ChronicCare.Monitor.Cli.Outliers;
using ChronicCare.Monitor.Cli.Tests.Support;
using ChronicCare.Monitor.Outliers;
using Xunit;

namespace ChronicCare.Monitor.Cli.Tests.Outliers;

/// <summary><c>--model</c> resolution and opening (<see cref="ModelLocator"/>).</summary>
public sealed class ModelLocatorTests
{
    [Theory]
    [InlineData("none")]
    [InlineData("NONE")]
    public void Resolve_None_Null(string option)
    {
        Assert.Null(ModelLocator.Resolve(option));
    }

    [Fact]
    public void Resolve_FolderOfVersions_HighestVersionWins()
    {
        var dir = Paths.TempDir();
        var bytes = OutlierTestFiles.CommittedAs("x");
        OutlierTestFiles.WriteVersion(dir, "outlier-v1", bytes);
        var v3 = OutlierTestFiles.WriteVersion(dir, "outlier-v3", bytes);
        OutlierTestFiles.WriteVersion(dir, "outlier-v2", bytes);
        Assert.Equal(Path.GetFullPath(v3), ModelLocator.Resolve(dir));
    }

    [Fact]
    public void Resolve_VersionsComparedAsNumbers_V10BeatsV9()
    {
        var dir = Paths.TempDir();
        var bytes = OutlierTestFiles.CommittedAs("x");
        OutlierTestFiles.WriteVersion(dir, "outlier-v9", bytes);
        var v10 = OutlierTestFiles.WriteVersion(dir, "outlier-v10", bytes);
        Assert.Equal(Path.GetFullPath(v10), ModelLocator.Resolve(dir));
    }

    [Fact]
    public void Resolve_FolderHoldingModelJson_ThatFile()
    {
        var dir = Paths.TempDir();
        var file = OutlierTestFiles.WriteVersion(dir, "mine", OutlierTestFiles.CommittedAs("mine"));
        // Even with versions beside it inside, the folder's own model.json is the one named.
        OutlierTestFiles.WriteVersion(Path.Combine(dir, "mine"), "outlier-v7", OutlierTestFiles.CommittedAs("outlier-v7"));
        Assert.Equal(Path.GetFullPath(file), ModelLocator.Resolve(Path.Combine(dir, "mine")));
    }

    [Fact]
    public void Resolve_ModelFile_ThatFile()
    {
        var dir = Paths.TempDir();
        var file = OutlierTestFiles.WriteVersion(dir, "anything", OutlierTestFiles.CommittedAs("anything"));
        Assert.Equal(Path.GetFullPath(file), ModelLocator.Resolve(file));
    }

    [Fact]
    public void Resolve_NonexistentPath_ArgumentExceptionNamingIt()
    {
        var missing = Path.Combine(Paths.TempDir(), "no-such-models");
        var e = Assert.Throws<ArgumentException>(() => ModelLocator.Resolve(missing));
        Assert.Contains("no-such-models", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_VersionFoldersWithoutNumberOrModel_Ignored()
    {
        var dir = Paths.TempDir();
        var bytes = OutlierTestFiles.CommittedAs("x");
        var v2 = OutlierTestFiles.WriteVersion(dir, "outlier-v2", bytes);
        OutlierTestFiles.WriteVersion(dir, "outlier-vX", bytes);
        OutlierTestFiles.WriteVersion(dir, "outlier-v", bytes);
        OutlierTestFiles.WriteVersion(dir, "outlier-v5-old", bytes);
        Directory.CreateDirectory(Path.Combine(dir, "outlier-v9"));
        File.WriteAllText(Path.Combine(dir, "outlier-v9", "README.md"), "no model here");
        Assert.Equal(Path.GetFullPath(v2), ModelLocator.Resolve(dir));
    }

    [Fact]
    public void Resolve_FolderWithNoVersions_Null()
    {
        var dir = Paths.TempDir();
        OutlierTestFiles.WriteVersion(dir, "outlier-vX", OutlierTestFiles.CommittedAs("x"));
        Assert.Null(ModelLocator.Resolve(dir));
    }

    [Fact]
    public void Load_CommittedModel_OutlierV1()
    {
        var model = ModelLocator.Load(OutlierTestFiles.CommittedModel);
        Assert.Equal("outlier-v1", model.Version);
        Assert.Equal(OutlierFeatures.Count, model.Scaler.Dimensions);
        Assert.True(model.TargetAlertRate is > 0 and < 1);
    }

    [Fact]
    public void Open_CommittedFolder_SlotHoldsModel()
    {
        using var err = new StringWriter();
        var (slot, path) = ModelLocator.Open(OutlierTestFiles.ModelsDir, err, "test");
        Assert.Equal("outlier-v1", slot!.Current?.Version);
        Assert.Equal(Path.GetFullPath(OutlierTestFiles.CommittedModel), path);
        Assert.Equal("", err.ToString());
    }

    [Fact]
    public void Open_None_NoSlotSilently()
    {
        using var err = new StringWriter();
        var (slot, path) = ModelLocator.Open("none", err, "test");
        Assert.Null(slot);
        Assert.Null(path);
        Assert.Equal("", err.ToString());
    }

    [Fact]
    public void Open_TruncatedFile_EmptySlotAndOneLineNamingFileAndReason()
    {
        var file = OutlierTestFiles.WriteVersion(Paths.TempDir(), "outlier-v1", OutlierTestFiles.Truncated());
        using var err = new StringWriter();
        var (slot, path) = ModelLocator.Open(file, err, "test");
        Assert.Null(slot!.Current);
        Assert.Equal(Path.GetFullPath(file), path);
        var line = Assert.Single(err.ToString().TrimEnd().Split('\n'));
        Assert.StartsWith("test: R15 off", line, StringComparison.Ordinal);
        Assert.Contains(Path.GetFullPath(file), line, StringComparison.Ordinal);
        Assert.Contains("not a model file", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_IncompatibleFeatureSchema_EmptySlotAndOneLineNamingFileAndReason()
    {
        var file = OutlierTestFiles.WriteVersion(Paths.TempDir(), "outlier-v1", OutlierTestFiles.IncompatibleSchema());
        using var err = new StringWriter();
        var (slot, _) = ModelLocator.Open(file, err, "test");
        Assert.Null(slot!.Current);
        var line = Assert.Single(err.ToString().TrimEnd().Split('\n'));
        Assert.StartsWith("test: R15 off", line, StringComparison.Ordinal);
        Assert.Contains(Path.GetFullPath(file), line, StringComparison.Ordinal);
        Assert.Contains("incompatible feature schema", line, StringComparison.Ordinal);
        Assert.Contains($"this build extracts {OutlierFeatures.Count}", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_IncompatibleFeatureSchema_ModelFormatExceptionNamingFile()
    {
        var file = OutlierTestFiles.WriteVersion(Paths.TempDir(), "outlier-v1", OutlierTestFiles.IncompatibleSchema());
        var e = Assert.Throws<ModelFormatException>(() => ModelLocator.Load(file));
        Assert.StartsWith(file, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FolderWithoutVersions_EmptySlotAndRulesOnlyLine()
    {
        using var err = new StringWriter();
        var (slot, path) = ModelLocator.Open(Paths.TempDir(), err, "test");
        Assert.Null(slot!.Current);
        Assert.Null(path);
        var line = Assert.Single(err.ToString().TrimEnd().Split('\n'));
        Assert.StartsWith("test: R15 off: no outlier model found", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NewestVersionBroken_FallsBackToThePreviousAndSaysWhy()
    {
        var dir = Paths.TempDir();
        OutlierTestFiles.WriteVersion(dir, "outlier-v1", File.ReadAllBytes(OutlierTestFiles.CommittedModel));
        var broken = OutlierTestFiles.WriteVersion(dir, "outlier-v2", OutlierTestFiles.Truncated());
        using var err = new StringWriter();

        var (slot, path) = ModelLocator.Open(dir, err, "test");

        Assert.Equal("outlier-v1", slot!.Current?.Version);
        Assert.EndsWith(Path.Combine("outlier-v1", "model.json"), path, StringComparison.Ordinal);
        var line = Assert.Single(err.ToString().TrimEnd().Split('\n'));
        Assert.Contains(Path.GetFullPath(broken), line, StringComparison.Ordinal);
        Assert.Contains("R15 scores with outlier-v1", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_VersionNotItsFoldersName_Refused()
    {
        var file = OutlierTestFiles.WriteVersion(Paths.TempDir(), "outlier-v7", File.ReadAllBytes(OutlierTestFiles.CommittedModel));
        var e = Assert.Throws<ModelFormatException>(() => ModelLocator.Load(file));
        Assert.Contains("the folder outlier-v7 holds model outlier-v1", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("outlier-v1", 1)]
    [InlineData("outlier-v12", 12)]
    [InlineData("outlier-v02", null)]
    [InlineData("outlier-v+2", null)]
    [InlineData("outlier-v", null)]
    [InlineData("outlier-v2-old", null)]
    [InlineData("model-v2", null)]
    public void VersionNumber_FolderNames_OnlyPlainNumbers(string name, int? expected) => Assert.Equal(expected, ModelLocator.VersionNumber(name));
}
