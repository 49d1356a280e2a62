using System.Globalization;
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

        // P1: 3 HTN fills + 7 monthly T2DM fills up to DEATHDATE; P2: no STOP, horizon 2022-06-01 (latest START
        // + 1 year), 516 days in floor(516 / 28) = 18 monthly fills; P3: 1.
        Assert.Equal(29, s.Settlements);
        Assert.Equal(3, s.Patients);
        Assert.Equal(2, s.Facilities);
        Assert.Equal(3, s.Drugs);
        Assert.Equal(4, s.ChronicRows);
        Assert.Equal(1, s.RowsTruncatedAtDeath);
        Assert.Equal(0, s.RowsWithDispensesMerged);
        Assert.Equal(1, s.SkippedRows["no reason given"]);
        Assert.Equal(1, s.SkippedRows["reason not a chronic disease"]);
        Assert.Equal(1, s.SkippedRows["unknown patient"]);
        Assert.Equal(1, s.SkippedRows["started on or after DEATHDATE"]);
    }

    [Fact]
    public void Import_TinyFolder_FillsHaveTheExpectedDatesDaysSupplyAndYuanAmounts()
    {
        SyntheaImporter.Import(_input.Dir, _out);
        var fills = Settlements().ToLookup(e => e.GetProperty("patient_id").GetString());

        // 10 US$ per dispense × 7.1 = 71.00 yuan; the 31-day spacing is a long prescription.
        var p1 = fills["SYaaaaaaaa-111"].Where(e => e.GetProperty("disease_code").GetString() == "HTN").Select(Fill).ToList();
        Assert.Equal([("2020-01-01", 30, 71.00m, false), ("2020-01-31", 30, 71.00m, false), ("2020-03-01", 31, 71.00m, true)], p1);

        // DISPENSES 0: one 2 US$ dispense per monthly fill, 7 × 2 × 7.1 = 99.40 yuan spread evenly.
        var p2 = fills["SYbbbbbbbb-222"].Select(Fill).ToList();
        Assert.Equal(18, p2.Count);
        Assert.Equal(("2021-01-01", 28, 17.75m, false), p2[0]);
        Assert.Equal(("2022-05-03", 29, 17.75m, false), p2[^1]);
        Assert.Equal(516, p2.Sum(f => f.Days));

        var p3 = Assert.Single(fills["SYcccccccc-333"].Select(Fill));
        Assert.Equal(("2021-06-01", 10, 10.65m, false), p3);
    }

    [Fact]
    public void Import_TinyFolder_NoFillOnOrAfterDeathAndTheDeceasedStatusStays()
    {
        SyntheaImporter.Import(_input.Dir, _out);
        var p1 = Settlements().Where(e => e.GetProperty("patient_id").GetString() == "SYaaaaaaaa-111").Select(Fill).ToList();
        Assert.Equal(10, p1.Count);
        Assert.All(p1, f => Assert.True(DateOnly.Parse(f.Date, CultureInfo.InvariantCulture) < new DateOnly(2020, 12, 31), f.Date));

        var t2dm = Settlements().Where(e => e.GetProperty("patient_id").GetString() == "SYaaaaaaaa-111" && e.GetProperty("disease_code").GetString() == "T2DM").Select(Fill).ToList();
        Assert.Equal(7, t2dm.Count);
        Assert.Equal(new DateOnly(2020, 12, 31), DateOnly.Parse(t2dm[^1].Date, CultureInfo.InvariantCulture).AddDays(t2dm[^1].Days)); // last fill covers to DEATHDATE
        Assert.Equal(99.40m, t2dm.Sum(f => f.Amount));

        var statuses = Patient("SYaaaaaaaa-111").GetProperty("statuses").EnumerateArray().ToList();
        Assert.Equal("deceased", statuses[^1].GetProperty("status").GetString());
        Assert.Equal("2020-12-31", statuses[^1].GetProperty("from").GetString());
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
    public void Import_TinyFolder_ApprovesEachDiseaseFromTheMonthOfItsFirstFillWith2YearCertificates()
    {
        SyntheaImporter.Import(_input.Dir, _out);
        var p1 = Patient("SYaaaaaaaa-111");
        var approvals = p1.GetProperty("diseases").EnumerateArray()
            .Select(a => (a.GetProperty("disease_code").GetString(), a.GetProperty("approved_on").GetString(), a.GetProperty("valid_until").GetString()))
            .ToList();
        Assert.Equal([("HTN", "2019-12-31", "2021-12-30"), ("T2DM", "2020-05-31", "2022-05-30")], approvals);
        Assert.Equal(2, p1.GetProperty("statuses").GetArrayLength());
        Assert.True(p1.GetProperty("retired").GetBoolean());
    }

    [Fact]
    public void ApprovalChain_RenewsBackToBackUntilPastTheLastFill()
    {
        var chain = SyntheaImporter.ApprovalChain(new DateOnly(1955, 7, 24), new DateOnly(1980, 7, 17));
        Assert.Equal((new DateOnly(1955, 6, 30), new DateOnly(1957, 6, 29)), chain[0]);
        Assert.True(chain[^1].ValidUntil >= new DateOnly(1980, 7, 17));
        Assert.True(chain[^2].ValidUntil < new DateOnly(1980, 7, 17));
        for (var day = new DateOnly(1955, 7, 24); day <= new DateOnly(1980, 7, 17); day = day.AddDays(1))
        {
            Assert.True(chain.Any(a => Covers(a.ApprovedOn, a.ValidUntil, day)), $"{day} not covered");
        }
    }

    [Fact]
    public void Import_TinyFolder_ApprovalChainCoversEveryFill()
    {
        SyntheaImporter.Import(_input.Dir, _out);
        var approvals = File.ReadLines(Path.Combine(_out, "patients.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .ToDictionary(
                p => p.GetProperty("patient_id").GetString()!,
                p => p.GetProperty("diseases").EnumerateArray()
                    .Select(a => (Code: a.GetProperty("disease_code").GetString(), From: DateOnly.Parse(a.GetProperty("approved_on").GetString()!, CultureInfo.InvariantCulture), To: DateOnly.Parse(a.GetProperty("valid_until").GetString()!, CultureInfo.InvariantCulture)))
                    .ToList());
        foreach (var e in Settlements())
        {
            var day = DateOnly.Parse(e.GetProperty("settled_at").GetString()![..10], CultureInfo.InvariantCulture);
            var code = e.GetProperty("disease_code").GetString();
            Assert.Contains(approvals[e.GetProperty("patient_id").GetString()!], a => a.Code == code && Covers(a.From, a.To, day));
        }
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

    private static (string Date, int Days, decimal Amount, bool Long) Fill(JsonElement e)
    {
        var line = e.GetProperty("lines")[0];
        return (e.GetProperty("settled_at").GetString()![..10], line.GetProperty("days_supply").GetInt32(), e.GetProperty("total_amount").GetDecimal(),
            e.GetProperty("prescription").GetProperty("long_prescription").GetBoolean());
    }

    /// <summary>Contract §1: benefits run from the 1st of the month after approved_on through valid_until.</summary>
    private static bool Covers(DateOnly approvedOn, DateOnly validUntil, DateOnly day) =>
        day >= new DateOnly(approvedOn.Year, approvedOn.Month, 1).AddMonths(1) && day <= validUntil;

    private JsonElement Patient(string id) =>
        File.ReadLines(Path.Combine(_out, "patients.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .Single(e => e.GetProperty("patient_id").GetString() == id);

    private IEnumerable<JsonElement> Settlements() =>
        File.ReadLines(Path.Combine(_out, "events.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.Clone());
}
