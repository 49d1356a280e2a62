namespace ChronicCare.Monitor.Simulation.Tests.Support;

/// <summary>R12 and R13 computed from the contract's definitions over the non-reversed settlements.</summary>
internal static class StatisticalOracle
{
    /// <summary>R13: (patient, disease, YYYY-MM) whose month total exceeds 3 × the median (>= 20 patients).</summary>
    public static HashSet<(string Patient, string Disease, string Period)> HighCostPatients(ContractData d)
    {
        var totals = d.Live
            .GroupBy(s => (s.PatientId, s.DiseaseCode, Period: Period(s)))
            .Select(g => (g.Key.PatientId, g.Key.DiseaseCode, g.Key.Period, Total: g.Sum(s => s.Total)))
            .ToList();
        var result = new HashSet<(string, string, string)>();
        foreach (var month in totals.GroupBy(t => (t.DiseaseCode, t.Period)))
        {
            var values = month.Select(t => (double)t.Total).ToList();
            if (values.Count < 20)
            {
                continue;
            }

            var median = Median(values);
            foreach (var t in month.Where(t => t.Total > 3 * median))
            {
                result.Add((t.PatientId, t.DiseaseCode, t.Period));
            }
        }

        return result;
    }

    /// <summary>R12: (facility, YYYY-MM) by mean total against the peer group (same kind and level, city or all).</summary>
    public static HashSet<(string Facility, string Period)> HighCostFacilities(ContractData d)
    {
        var means = d.Live
            .GroupBy(s => (s.FacilityId, Period: Period(s)))
            .Where(g => g.Count() >= 30)
            .Select(g => (g.Key.FacilityId, g.Key.Period, Mean: g.Average(s => (double)s.Total), F: d.Facilities[g.Key.FacilityId]))
            .ToList();
        var result = new HashSet<(string, string)>();
        foreach (var m in means)
        {
            var peers = means.Where(o => o.Period == m.Period && o.F.Kind == m.F.Kind && o.F.Level == m.F.Level && o.F.City == m.F.City).ToList();
            if (peers.Count < 5)
            {
                peers = means.Where(o => o.Period == m.Period && o.F.Kind == m.F.Kind && o.F.Level == m.F.Level).ToList();
            }

            var values = peers.Select(p => p.Mean).ToList();
            var median = Median(values);
            var mad = Median(values.Select(v => Math.Abs(v - median)).ToList());
            if (mad > 0 && m.Mean > 1.5 * median && (m.Mean - median) / (1.4826 * mad) > 3)
            {
                result.Add((m.FacilityId, m.Period));
            }
        }

        return result;
    }

    public static string Period(ContractData.Settlement s) => $"{s.Date.Year:D4}-{s.Date.Month:D2}";

    private static double Median(List<double> values)
    {
        values.Sort();
        var n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }
}
