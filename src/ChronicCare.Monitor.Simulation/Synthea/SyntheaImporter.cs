using System.Globalization;

namespace ChronicCare.Monitor.Simulation.Synthea;

/// <summary>
/// Converts a Synthea CSV export (medications, patients, organizations, providers; encounters optional) into the
/// contract's reference files and settlement events. Deterministic: the output depends only on the input bytes
/// (no clock, no random ids; everything iterated is sorted).
/// </summary>
public static class SyntheaImporter
{
    /// <summary>Validity of one disease approval certificate (seed Baoji 四(一)): approved_on + 2 years − 1 day.</summary>
    internal const int ApprovalYears = 2;

    public static SyntheaImportSummary Import(string fromDir, string outDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fromDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        if (!Directory.Exists(fromDir))
        {
            throw new DirectoryNotFoundException($"Synthea folder not found: {fromDir}");
        }

        var organizations = CsvTable.Load(Path.Combine(fromDir, "organizations.csv"));
        var providers = CsvTable.Load(Path.Combine(fromDir, "providers.csv"));
        var patientsCsv = CsvTable.Load(Path.Combine(fromDir, "patients.csv"));
        var medications = CsvTable.Load(Path.Combine(fromDir, "medications.csv"));
        var encountersPath = Path.Combine(fromDir, "encounters.csv");
        var encounters = File.Exists(encountersPath) ? CsvTable.Load(encountersPath) : null;

        var facilities = LoadFacilities(organizations);
        var facilityBySource = facilities.Select((f, i) => (f.SourceId, i)).ToDictionary(x => x.SourceId, x => x.i, StringComparer.Ordinal);
        var prescribers = LoadPrescribers(providers);
        var patients = LoadPatients(patientsCsv, facilities, prescribers);
        var patientBySource = patients.Select((p, i) => (p.SourceId, i)).ToDictionary(x => x.SourceId, x => x.i, StringComparer.Ordinal);
        var encounterOrg = encounters is null ? null : LoadEncounterOrganizations(encounters, facilityBySource);

        var expansion = MedicationExpander.Expand(medications, patientBySource, patients.Select(p => p.DeathDate).ToList(), encounterOrg);
        Directory.CreateDirectory(outDir);
        Write(outDir, facilities, patients, expansion);

        return new SyntheaImportSummary(
            patients.Count,
            expansion.Drugs.Count,
            facilities.Count,
            ChronicDiseaseMap.Diseases.Count,
            expansion.Fills.Count,
            medications.Rows.Count,
            expansion.ChronicRows,
            expansion.MergedRows,
            expansion.TruncatedAtDeathRows,
            expansion.Skipped);
    }

    private static List<SyntheaFacility> LoadFacilities(CsvTable t)
    {
        int id = t.Column("Id"), name = t.Column("NAME"), city = t.Column("CITY");
        var list = new List<SyntheaFacility>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in t.Rows.OrderBy(r => CsvTable.Get(r, id), StringComparer.Ordinal))
        {
            var sourceId = CsvTable.Get(row, id);
            var facilityId = "SYF" + Prefix(sourceId, 10);
            if (sourceId.Length == 0 || !seen.Add(facilityId))
            {
                continue;
            }

            var n = CsvTable.Get(row, name);
            var hospital = n.Contains("Hospital", StringComparison.OrdinalIgnoreCase) || n.Contains("Medical Center", StringComparison.OrdinalIgnoreCase);
            list.Add(new SyntheaFacility(sourceId, facilityId, n, hospital ? "hospital" : "clinic", 1 + StableHash.Pick("level", sourceId, 3), Regions.For(CsvTable.Get(row, city))));
        }

        if (list.Count == 0)
        {
            throw new InvalidDataException("organizations.csv: no organisations");
        }

        return list;
    }

    /// <summary>Provider ids per organisation id (sorted), and under the empty key every provider.</summary>
    private static Dictionary<string, List<string>> LoadPrescribers(CsvTable t)
    {
        int id = t.Column("Id"), org = t.Column("ORGANIZATION");
        var byOrg = new Dictionary<string, List<string>>(StringComparer.Ordinal) { [string.Empty] = [] };
        foreach (var row in t.Rows.OrderBy(r => CsvTable.Get(r, id), StringComparer.Ordinal))
        {
            var providerId = "SYD" + Prefix(CsvTable.Get(row, id), 10);
            byOrg[string.Empty].Add(providerId);
            var o = CsvTable.Get(row, org);
            if (!byOrg.TryGetValue(o, out var list))
            {
                byOrg[o] = list = [];
            }

            list.Add(providerId);
        }

        if (byOrg[string.Empty].Count == 0)
        {
            byOrg[string.Empty].Add("SYD0000000000");
        }

        return byOrg;
    }

    private static List<SyntheaPatient> LoadPatients(CsvTable t, List<SyntheaFacility> facilities, Dictionary<string, List<string>> prescribers)
    {
        int id = t.Column("Id"), birth = t.Column("BIRTHDATE"), death = t.Column("DEATHDATE"), gender = t.Column("GENDER");
        var state = t.Has("STATE") ? t.Column("STATE") : -1;
        var county = t.Has("COUNTY") ? t.Column("COUNTY") : -1;
        var list = new List<SyntheaPatient>();
        foreach (var row in t.Rows.OrderBy(r => CsvTable.Get(r, id), StringComparer.Ordinal))
        {
            var sourceId = CsvTable.Get(row, id);
            if (sourceId.Length == 0 || !TryDate(CsvTable.Get(row, birth), out var birthDate))
            {
                continue;
            }

            DateOnly? deathDate = TryDate(CsvTable.Get(row, death), out var d) ? d : null;
            var place = (state < 0 ? string.Empty : CsvTable.Get(row, state)) + "/" + (county < 0 ? string.Empty : CsvTable.Get(row, county));
            var g = CsvTable.Get(row, gender).StartsWith('M') ? "M" : "F";
            var p = new SyntheaPatient(sourceId, "SY" + Prefix(sourceId, 12), g, birthDate, deathDate, Regions.For(place))
            {
                Facility = StableHash.Pick("facility", sourceId, facilities.Count),
            };
            var pool = prescribers.TryGetValue(facilities[p.Facility].SourceId, out var own) ? own : prescribers[string.Empty];
            p.PrescriberId = pool[StableHash.Pick("prescriber", sourceId, pool.Count)];
            list.Add(p);
        }

        return list;
    }

    private static Dictionary<string, int> LoadEncounterOrganizations(CsvTable t, Dictionary<string, int> facilityBySource)
    {
        int id = t.Column("Id"), org = t.Column("ORGANIZATION");
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in t.Rows)
        {
            if (facilityBySource.TryGetValue(CsvTable.Get(row, org), out var f))
            {
                map[CsvTable.Get(row, id)] = f;
            }
        }

        return map;
    }

    private static void Write(string outDir, List<SyntheaFacility> facilities, List<SyntheaPatient> patients, MedicationExpansion x)
    {
        using (var f = new JsonlFile(Path.Combine(outDir, "facilities.jsonl")))
        {
            foreach (var facility in facilities)
            {
                ReferenceRecords.Facility(f.Writer, facility);
                f.EndRecord();
            }
        }

        using (var f = new JsonlFile(Path.Combine(outDir, "drugs.jsonl")))
        {
            foreach (var drug in x.Drugs)
            {
                ReferenceRecords.Drug(f.Writer, drug);
                f.EndRecord();
            }
        }

        using (var f = new JsonlFile(Path.Combine(outDir, "diseases.jsonl")))
        {
            foreach (var disease in ChronicDiseaseMap.Diseases)
            {
                ReferenceRecords.Disease(f.Writer, disease);
                f.EndRecord();
            }
        }

        var fillSpans = patients.Select(_ => new SortedDictionary<string, (DateOnly First, DateOnly Last)>(StringComparer.Ordinal)).ToArray();
        foreach (var fill in x.Fills)
        {
            // fills are in date order
            var spans = fillSpans[fill.Patient];
            spans[fill.DiseaseCode] = spans.TryGetValue(fill.DiseaseCode, out var span) ? (span.First, fill.Date) : (fill.Date, fill.Date);
        }

        using (var f = new JsonlFile(Path.Combine(outDir, "patients.jsonl")))
        {
            for (var i = 0; i < patients.Count; i++)
            {
                var p = patients[i];
                var first = fillSpans[i].Count == 0 ? (DateOnly?)null : fillSpans[i].Values.Min(v => v.First);
                var retired = first is { } day && AgeOn(p.BirthDate, day) >= 60;
                ReferenceRecords.Patient(f.Writer, p, retired, fillSpans[i]);
                f.EndRecord();
            }
        }

        using (var f = new JsonlFile(Path.Combine(outDir, "events.jsonl")))
        {
            long number = 0;
            foreach (var fill in x.Fills)
            {
                var p = patients[fill.Patient];
                var facility = facilities[fill.Facility >= 0 ? fill.Facility : p.Facility];
                SettlementRecord.Write(f.Writer, ++number, fill, p, facility, x.Drugs[fill.Drug]);
                f.EndRecord();
            }
        }
    }

    /// <summary>
    /// The chain of 2-year certificates covering fills from <paramref name="firstFill"/> to <paramref name="lastFill"/>:
    /// the first is approved on the last day of the month before the first fill (benefits start on the 1st of the
    /// first fill's month, contract §1); each renewal is approved on the last day of the month before the day after
    /// the previous certificate's valid_until, so its benefits start no later than that day (back to back, no gap);
    /// renewals continue until valid_until is on or after the last fill.
    /// </summary>
    internal static List<(DateOnly ApprovedOn, DateOnly ValidUntil)> ApprovalChain(DateOnly firstFill, DateOnly lastFill)
    {
        var chain = new List<(DateOnly, DateOnly)>();
        var approved = MonthEndBefore(firstFill);
        while (true)
        {
            var validUntil = approved.AddYears(ApprovalYears).AddDays(-1);
            chain.Add((approved, validUntil));
            if (validUntil >= lastFill)
            {
                return chain;
            }

            approved = MonthEndBefore(validUntil.AddDays(1));
        }
    }

    private static DateOnly MonthEndBefore(DateOnly day) => new DateOnly(day.Year, day.Month, 1).AddDays(-1);

    internal static int AgeOn(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        return day < birth.AddYears(age) ? age - 1 : age;
    }

    internal static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Length >= 10 ? text[..10] : text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string Prefix(string s, int n) => s.Length <= n ? s : s[..n];
}
