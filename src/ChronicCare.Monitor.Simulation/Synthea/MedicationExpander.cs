using System.Globalization;

namespace ChronicCare.Monitor.Simulation.Synthea;

/// <summary>
/// Turns chronic medication rows into monthly fills (<see cref="FillPlanner"/>). A row without STOP runs to the
/// horizon (latest START in the file + 1 year), and every period is capped there and at the patient's DEATHDATE
/// (no fill on or after death; a row starting then is skipped). The row's cost is BASE_COST (Synthea's
/// per-dispense cost, else TOTALCOST / DISPENSES) × DISPENSES (× the number of fills when DISPENSES is 0), in US
/// dollars, converted to yuan at <see cref="YuanPerUsd"/> and spread evenly over the row's fills (to the cent,
/// summing exactly). Fills are ordered by (date, patient, drug code, row).
/// </summary>
internal static class MedicationExpander
{
    /// <summary>Fixed USD→CNY rate (yuan per dollar) applied to Synthea's costs.</summary>
    public const decimal YuanPerUsd = 7.1m;

    /// <param name="deathByPatient">DEATHDATE per patient index (null = alive).</param>
    public static MedicationExpansion Expand(CsvTable t, Dictionary<string, int> patientBySource, IReadOnlyList<DateOnly?> deathByPatient, Dictionary<string, int>? encounterOrg)
    {
        int start = t.Column("START"), stop = t.Column("STOP"), patient = t.Column("PATIENT"), code = t.Column("CODE"),
            description = t.Column("DESCRIPTION"), baseCost = t.Column("BASE_COST"), dispenses = t.Column("DISPENSES"),
            totalCost = t.Column("TOTALCOST"), reasonCode = t.Column("REASONCODE"), reasonDescription = t.Column("REASONDESCRIPTION");
        var encounter = t.Has("ENCOUNTER") ? t.Column("ENCOUNTER") : -1;

        var horizon = DateOnly.MinValue;
        foreach (var row in t.Rows)
        {
            if (SyntheaImporter.TryDate(CsvTable.Get(row, start), out var s) && s > horizon)
            {
                horizon = s;
            }
        }

        horizon = horizon.AddYears(1);
        var skipped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var drugIndex = new Dictionary<string, SyntheaDrug>(StringComparer.Ordinal);
        var raw = new List<(Fill Fill, string Code)>();
        int chronic = 0, merged = 0, truncated = 0;
        for (var r = 0; r < t.Rows.Count; r++)
        {
            var row = t.Rows[r];
            var rc = CsvTable.Get(row, reasonCode);
            var rd = CsvTable.Get(row, reasonDescription);
            var disease = ChronicDiseaseMap.Map(rc, rd);
            if (disease is null)
            {
                Skip(skipped, rc.Length == 0 && rd.Length == 0 ? "no reason given" : "reason not a chronic disease");
                continue;
            }

            if (!patientBySource.TryGetValue(CsvTable.Get(row, patient), out var p))
            {
                Skip(skipped, "unknown patient");
                continue;
            }

            if (!SyntheaImporter.TryDate(CsvTable.Get(row, start), out var from))
            {
                Skip(skipped, "bad START");
                continue;
            }

            var stopText = CsvTable.Get(row, stop);
            var to = horizon;
            if (stopText.Length > 0 && SyntheaImporter.TryDate(stopText, out var stopDate) && stopDate < horizon)
            {
                to = stopDate;
            }

            if (deathByPatient[p] is { } death)
            {
                if (from >= death)
                {
                    Skip(skipped, "started on or after DEATHDATE");
                    continue;
                }

                if (to > death)
                {
                    to = death;
                    truncated++;
                }
            }

            var n = ParseInt(CsvTable.Get(row, dispenses));
            var cents = PerDispenseCents(CsvTable.Get(row, baseCost), CsvTable.Get(row, totalCost), n);
            if (cents < 0)
            {
                Skip(skipped, "bad cost");
                continue;
            }

            var c = CsvTable.Get(row, code);
            if (!drugIndex.TryGetValue(c, out var drug))
            {
                drugIndex[c] = drug = new SyntheaDrug(c, CsvTable.Get(row, description));
            }

            drug.Diseases.Add(disease);
            var facility = encounterOrg is not null && encounter >= 0 && encounterOrg.TryGetValue(CsvTable.Get(row, encounter), out var f) ? f : -1;
            chronic++;
            var plan = FillPlanner.Plan(from, to, n, out var wasMerged);
            var totalUsdCents = cents * (n > 0 ? n : plan.Count);
            var totalYuanCents = (long)Math.Round(totalUsdCents * YuanPerUsd, MidpointRounding.AwayFromZero);
            for (var i = 0; i < plan.Count; i++)
            {
                var (date, days, isLong) = plan[i];
                var amount = (totalYuanCents * (i + 1) / plan.Count) - (totalYuanCents * i / plan.Count);
                raw.Add((new Fill(p, facility, 0, disease, date, days, isLong, amount, r), c));
                drug.DispenseCents.Add(amount);
            }

            merged += wasMerged ? 1 : 0;
        }

        var drugs = drugIndex.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value).ToList();
        var drugNumber = drugs.Select((d, i) => (d.DrugCode, i)).ToDictionary(x => x.DrugCode, x => x.i, StringComparer.Ordinal);
        var fills = raw
            .Select(x => x.Fill with { Drug = drugNumber["SY" + x.Code] })
            .OrderBy(x => x.Date)
            .ThenBy(x => x.Patient)
            .ThenBy(x => x.Drug)
            .ThenBy(x => x.Row)
            .ToList();
        return new MedicationExpansion(fills, drugs, chronic, merged, truncated, skipped);
    }

    /// <summary>US cents per dispense, or -1 when neither cost parses.</summary>
    private static long PerDispenseCents(string baseCost, string totalCost, int dispenses)
    {
        if (decimal.TryParse(baseCost, NumberStyles.Float, CultureInfo.InvariantCulture, out var b) && b >= 0)
        {
            return (long)Math.Round(b * 100m, MidpointRounding.AwayFromZero);
        }

        if (decimal.TryParse(totalCost, NumberStyles.Float, CultureInfo.InvariantCulture, out var total) && total >= 0)
        {
            return (long)Math.Round(total * 100m / Math.Max(1, dispenses), MidpointRounding.AwayFromZero);
        }

        return -1;
    }

    private static int ParseInt(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 ? (int)Math.Min(v, 100_000m) : 0;

    private static void Skip(SortedDictionary<string, int> skipped, string reason) =>
        skipped[reason] = skipped.GetValueOrDefault(reason) + 1;
}
