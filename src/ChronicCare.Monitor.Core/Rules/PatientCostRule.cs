using ChronicCare.Monitor.Policy;

namespace ChronicCare.Monitor.Rules;

/// <summary>One patient's total claimed under one disease in one month: what R13 reads.</summary>
public readonly record struct PatientDiseaseMonth(string PatientId, string DiseaseCode, decimal TotalAmount);

/// <summary>An R13 finding: the patient's month total, the disease's median that month and how many patients it is over.</summary>
public sealed record PatientCostOutlier(string PatientId, string DiseaseCode, decimal Total, decimal DiseaseMedian, int Patients);

/// <summary>
/// R13 HIGH_COST_PATIENT 高额费用人员 (contract §3; seed Chongqing 三(二)): a patient's total claimed under one disease
/// in a month exceeds <see cref="CostOutlierPolicy.PatientMedianMultiple"/> × the median of that total over all the
/// disease's patients that month, when there are at least <see cref="CostOutlierPolicy.PatientMinPatients"/> of them.
/// </summary>
public static class PatientCostRule
{
    public static IReadOnlyList<PatientCostOutlier> Evaluate(IEnumerable<PatientDiseaseMonth> month, CostOutlierPolicy policy)
    {
        var found = new List<PatientCostOutlier>();
        foreach (var disease in month.GroupBy(m => m.DiseaseCode, StringComparer.Ordinal))
        {
            // One total per patient: several rows of one patient and disease add up.
            var totals = disease.GroupBy(m => m.PatientId, StringComparer.Ordinal)
                .Select(g => (Patient: g.Key, Total: g.Sum(m => m.TotalAmount))).ToList();
            if (totals.Count < policy.PatientMinPatients)
            {
                continue;
            }

            var median = Median.Of(totals.Select(t => t.Total));
            found.AddRange(totals.Where(t => t.Total > policy.PatientMedianMultiple * median)
                .Select(t => new PatientCostOutlier(t.Patient, disease.Key, t.Total, median, totals.Count)));
        }

        return found.OrderBy(o => o.DiseaseCode, StringComparer.Ordinal).ThenBy(o => o.PatientId, StringComparer.Ordinal).ToList();
    }
}
