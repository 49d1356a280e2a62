using System.Text;
using System.Text.Json;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Simulation.Synthea;
using Xunit;

namespace ChronicCare.Monitor.Simulation.Tests.Synthea;

public sealed class SyntheaImporterTests : IDisposable
{
    private static readonly string[] Files = ["facilities.jsonl", "drugs.jsonl", "diseases.jsonl", "patients.jsonl", "events.jsonl"];
    private readonly TinySynthea _input = new();
    private readonly string _out = Path.Combine(Path.GetTempPath(), $"ccsynthea-out-{Guid.NewGuid():N}");

    public void Dispose()
    {
        _input.Dispose();
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    [Fact]
    public void Import_TinyFolder_CountsChronicFillsAndSkippedRows()
    {
        var s = SyntheaImporter.Import(_input.Dir, _out);

        // P1: 3 fills; P2: no STOP, horizon 2022-06-01 (latest START + 1 year), 516 days in 30-day fills = 18; P3: 1.
        Assert.Equal(22, s.Settlements);
        Assert.Equal(3, s.Patients);
        Assert.Equal(2, s.Facilities);
        Assert.Equal(3, s.Drugs);
        Assert.Equal(3, s.ChronicRows);
        Assert.Equal(1, s.SkippedRows["no reason given"]);
        Assert.Equal(1, s.SkippedRows["reason not a chronic disease"]);
        Assert.Equal(1, s.SkippedRows["unknown patient"]);
    }

    [Fact]
    public void Import_TinyFolder_FillsHaveTheExpectedDatesAndDaysSupply()
    {
        SyntheaImporter.Import(_input.Dir, _out);
        var fills = Settlements().ToLookup(e => e.GetProperty("patient_id").GetString());

        var p1 = fills["SYaaaaaaaa-111"].Select(Fill).ToList();
        Assert.Equal([("2020-01-01", 30, 10.00m), ("2020-01-31", 30, 10.00m), ("2020-03-01", 31, 10.00m)], p1);

        var p2 = fills["SYbbbbbbbb-222"].Select(Fill).ToList();
        Assert.Equal(18, p2.Count);
        Assert.Equal(("2021-01-01", 30, 2.50m), p2[0]);
        Assert.Equal(("2022-05-26", 6, 2.50m), p2[^1]);

        var p3 = Assert.Single(fills["SYcccccccc-333"].Select(Fill));
        Assert.Equal(("2021-06-01", 10, 1.50m), p3);
    }

    [Fact]
    public void Import_TinyFolder_EveryEventAndReferenceRecordParsesWithTheEngine()
    {
        SyntheaImporter.Import(_input.Dir, _out);
        var parser = new EventParser();
        foreach (var line in File.ReadLines(Path.Combine(_out, "events.jsonl")))
        {
            var outcome = parser.Parse(Encoding.UTF8.GetBytes(line));
            Assert.False(outcome.IsBad, $"{outcome.Error}: {line}");
        }

        foreach (var (file, type) in new[] { ("facilities.jsonl", "facility"), ("drugs.jsonl", "drug"), ("diseases.jsonl", "disease"), ("patients.jsonl", "patient") })
        {
            foreach (var line in File.ReadLines(Path.Combine(_out, file)))
            {
                var outcome = ReferenceParser.ParseUpsert(Encoding.UTF8.GetBytes(line), type);
                Assert.False(outcome.IsBad, $"{outcome.Error}: {line}");
            }
        }
    }

    [Fact]
    public void Import_TinyFolder_ApprovesEachDiseaseTheDayBeforeItsFirstFill()
    {
        SyntheaImporter.Import(_input.Dir, _out);
        var p1 = File.ReadLines(Path.Combine(_out, "patients.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.GetProperty("patient_id").GetString() == "SYaaaaaaaa-111");
        var approval = Assert.Single(p1.GetProperty("diseases").EnumerateArray());
        Assert.Equal("HTN", approval.GetProperty("disease_code").GetString());
        Assert.Equal("2019-12-31", approval.GetProperty("approved_on").GetString());
        Assert.Equal("2029-12-31", approval.GetProperty("valid_until").GetString());
        Assert.Equal(2, p1.GetProperty("statuses").GetArrayLength());
        Assert.True(p1.GetProperty("retired").GetBoolean());
    }

    [Fact]
    public void Import_SameInputTwice_WritesByteIdenticalFiles()
    {
        var second = _out + "-2";
        try
        {
            SyntheaImporter.Import(_input.Dir, _out);
            SyntheaImporter.Import(_input.Dir, second);
            foreach (var file in Files)
            {
                Assert.True(File.ReadAllBytes(Path.Combine(_out, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(second, file))), $"{file} differs");
            }
        }
        finally
        {
            Directory.Delete(second, recursive: true);
        }
    }

    [Fact]
    public void Import_MissingFolder_ThrowsDirectoryNotFound() =>
        Assert.Throws<DirectoryNotFoundException>(() => SyntheaImporter.Import(Path.Combine(_input.Dir, "nope"), _out));

    private static (string Date, int Days, decimal Amount) Fill(JsonElement e)
    {
        var line = e.GetProperty("lines")[0];
        return (e.GetProperty("settled_at").GetString()![..10], line.GetProperty("days_supply").GetInt32(), e.GetProperty("total_amount").GetDecimal());
    }

    private IEnumerable<JsonElement> Settlements() =>
        File.ReadLines(Path.Combine(_out, "events.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.Clone());
}
