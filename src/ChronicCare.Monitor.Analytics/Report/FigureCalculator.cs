using ChronicCare.Monitor.Analytics.Store;

namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>Sums patient-month rows into <see cref="CostFigures"/> with distinct patient counts.</summary>
internal static class FigureCalculator
{
    /// <param name="rows">The population's patient-month rows.</param>
    /// <param name="enrolments">The population's enrolment rows; null where enrolment has no such split.</param>
    /// <param name="hospitalised">Patients with a stay admitted in the month (any region).</param>
    public static CostFigures Compute(IEnumerable<PatientMonthRow> rows, IEnumerable<EnrolmentRow>? enrolments, IReadOnlySet<string> hospitalised)
    {
        var active = new HashSet<string>(StringComparer.Ordinal);
        long settlements = 0, total = 0, fund = 0, self = 0, drug = 0, exam = 0, treatment = 0, material = 0;
        foreach (var r in rows)
        {
            active.Add(r.PatientKey);
            settlements += r.Settlements;
            total += r.TotalFen;
            fund += r.FundFen;
            self += r.SelfFen;
            drug += r.DrugFen;
            exam += r.ExamFen;
            treatment += r.TreatmentFen;
            material += r.MaterialFen;
        }

        var population = new HashSet<string>(active, StringComparer.Ordinal);
        long? enrolled = null;
        if (enrolments is not null)
        {
            var keys = enrolments.Select(e => e.PatientKey).ToHashSet(StringComparer.Ordinal);
            enrolled = keys.Count;
            population.UnionWith(keys);
        }

        long inHospital = population.Count(hospitalised.Contains);
        return new CostFigures(enrolled, active.Count, inHospital, settlements, total, fund, self, drug, exam, treatment, material);
    }
}
