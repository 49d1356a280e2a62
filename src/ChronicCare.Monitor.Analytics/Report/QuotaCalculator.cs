using ChronicCare.Monitor.Analytics.Store;

namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>Drug spending per patient-disease (summed over facility levels) against the disease's monthly quota.</summary>
internal static class QuotaCalculator
{
    public static IReadOnlyList<QuotaUse> Of(IEnumerable<PatientMonthRow> rows, IReadOnlyDictionary<string, DiseaseRow> diseases, IEnumerable<string> order)
    {
        var drug = rows
            .GroupBy(r => (r.DiseaseCode, r.PatientKey))
            .Select(g => (Disease: g.Key.DiseaseCode, Drug: g.Sum(r => r.DrugFen)))
            .Where(t => t.Drug > 0)
            .ToLookup(t => t.Disease, t => t.Drug, StringComparer.Ordinal);
        return order.Select(code =>
        {
            var known = diseases.TryGetValue(code, out var d);
            var quota = known ? d.MonthlyQuotaFen : 0;
            var spends = drug[code].ToList();
            decimal? mean = spends.Count == 0 ? null : (decimal)spends.Sum() / spends.Count;
            var over = quota > 0 ? spends.Count(s => s > quota) : 0;
            return new QuotaUse(
                code,
                known ? d.Name : code,
                quota,
                spends.Count,
                mean,
                quota > 0 && mean is { } m ? m / quota : null,
                over,
                quota > 0 && spends.Count > 0 ? (decimal)over / spends.Count : null);
        }).ToList();
    }
}
