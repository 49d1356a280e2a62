using ChronicCare.Monitor.Policy;
using Xunit;

namespace ChronicCare.Monitor.Tests.Policy;

public sealed class PolicyReaderTests
{
    private static string RepoFile(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChronicCare.Monitor.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine([dir!.FullName, .. parts]);
    }

    [Fact]
    public void Parse_DefaultPolicyFile_EqualsBuiltInDefault()
    {
        var fromFile = PolicyReader.Parse(File.ReadAllText(RepoFile("pipelines", "policies", "default", "policy.json")));
        var builtIn = DetectionPolicy.Default;
        Assert.Equal(PolicyReader.Serialize(builtIn), PolicyReader.Serialize(fromFile));
    }

    [Fact]
    public void Parse_PartialPolicy_KeepsDefaultsForTheRest()
    {
        var p = PolicyReader.Parse("""{ "supply": { "max_days": 28 } }""");
        Assert.Equal(28, p.Supply.MaxDays);
        Assert.Equal(84, p.Supply.MaxDaysLongPrescription);
        Assert.Equal(0.80m, p.Identity.MinFaceScore);
    }

    [Fact]
    public void Parse_UnknownSetting_ThrowsOneLineReason()
    {
        var ex = Assert.Throws<PolicyException>(() => PolicyReader.Parse("""{ "supply": { "max_dayz": 28 } }"""));
        Assert.Contains("max_dayz", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Parse_OutOfRangeValue_Throws()
    {
        var ex = Assert.Throws<PolicyException>(() => PolicyReader.Parse("""{ "identity": { "min_face_score": 1.5 } }"""));
        Assert.Contains("min_face_score", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotJson_Throws()
    {
        Assert.Throws<PolicyException>(() => PolicyReader.Parse("supply: 3"));
    }

    [Fact]
    public void Parse_UnknownSeverityRule_Throws()
    {
        Assert.Throws<PolicyException>(() => PolicyReader.Parse("""{ "severity": { "R99": "high" } }"""));
    }
}
