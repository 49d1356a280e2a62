using System.Text.Json;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Rules;

namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>
/// Ranks patient-disease month totals (summed over facility levels; R13's subject) across all diseases by their multiple
/// of the median of the disease's patient totals that month over every region. Only the pseudonymised key is carried.
/// </summary>
internal static class PatientCostRanking
{
    public static IReadOnlyList<HighCostPatient> Top(
        IEnumerable<PatientMonthRow> allRows,
        IEnumerable<PatientMonthRow> rows,
        IReadOnlyDictionary<string, DiseaseRow> diseases,
        IEnumerable<Alert> periodAlerts,
        int count)
    {
        var medians = Totals(allRows)
            .GroupBy(t => t.Disease, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Median: Median.Of(g.Select(t => (decimal)t.Total)), Patients: (long)g.Count()), StringComparer.Ordinal);
        var flagged = periodAlerts
            .Where(a => a.Rule == "R13" && a.Status == AlertStatus.Open && a.PatientId is not null)
            .Select(a => (Patient: a.PatientId!, Disease: DiseaseOf(a)))
            .ToList();

        // Ranked by the multiple of the disease's median (R13's measure), not by yuan: an expensive disease would
        // otherwise fill the table with its ordinary patients and hide the outlier of a cheap one.
        return Totals(rows)
            .OrderByDescending(t => medians[t.Disease].Median is var m && m > 0 ? t.Total / m : decimal.MaxValue)
            .ThenByDescending(t => t.Total)
            .ThenBy(t => t.Patient, StringComparer.Ordinal)
            .ThenBy(t => t.Disease, StringComparer.Ordinal)
            .Take(count)
            .Select((t, i) =>
            {
                var (median, patients) = medians[t.Disease];
                return new HighCostPatient(
                    i + 1,
                    t.Patient,
                    t.Disease,
                    diseases.TryGetValue(t.Disease, out var d) ? d.Name : t.Disease,
                    t.Total,
                    median,
                    median == 0 ? null : t.Total / median,
                    patients,
                    flagged.Any(a => a.Patient == t.Patient && (string.IsNullOrEmpty(a.Disease) || a.Disease == t.Disease)));
            })
            .ToList();
    }

    private static IEnumerable<(string Patient, string Disease, long Total)> Totals(IEnumerable<PatientMonthRow> rows) =>
        rows.GroupBy(r => (r.PatientKey, r.DiseaseCode))
            .Select(g => (g.Key.PatientKey, g.Key.DiseaseCode, g.Sum(r => r.TotalFen)));

    /// <summary>The disease an R13 alert's evidence names (<c>disease_code</c> or <c>disease</c>), or null.</summary>
    internal static string? DiseaseOf(Alert alert)
    {
        try
        {
            using var doc = JsonDocument.Parse(alert.EvidenceJson);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var name in (string[])["disease_code", "disease"])
            {
                if (doc.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String)
                {
                    return v.GetString();
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
