namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>
/// The cost figures of one population in one month (the whole region, one disease, one region, one facility level).
/// Amounts are fen over the non-reversed settlements of the patient-month rollup.
/// </summary>
/// <param name="EnrolledPatients">Distinct patients enrolled (benefit period overlapping the month); null where enrolment has no such split (facility level).</param>
/// <param name="ActivePatients">Distinct patients with settlements.</param>
/// <param name="HospitalisedPatients">Distinct patients of the population (enrolled or active) with a stay admitted in the month.</param>
/// <param name="Settlements">Settlements (人次).</param>
public sealed record CostFigures(
    long? EnrolledPatients,
    long ActivePatients,
    long HospitalisedPatients,
    long Settlements,
    long TotalFen,
    long FundFen,
    long SelfFen,
    long DrugFen,
    long ExamFen,
    long TreatmentFen,
    long MaterialFen)
{
    /// <summary>A population with nothing in it.</summary>
    public static CostFigures Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>月人均费用: total per active patient, fen; null without active patients.</summary>
    public decimal? PerCapitaFen => PerActive(TotalFen);

    public decimal? PerCapitaDrugFen => PerActive(DrugFen);

    public decimal? PerCapitaExamFen => PerActive(ExamFen);

    public decimal? PerCapitaTreatmentFen => PerActive(TreatmentFen);

    public decimal? PerCapitaMaterialFen => PerActive(MaterialFen);

    /// <summary>住院率: hospitalised patients / active patients; null without active patients.</summary>
    public decimal? HospitalisationRate => PerActive(HospitalisedPatients);

    /// <summary>The value of one metric (money in fen, counts, rates); null when it is undefined.</summary>
    public decimal? Value(ReportMetric metric) => metric switch
    {
        ReportMetric.EnrolledPatients => EnrolledPatients,
        ReportMetric.ActivePatients => ActivePatients,
        ReportMetric.Settlements => Settlements,
        ReportMetric.TotalCost => TotalFen,
        ReportMetric.FundCost => FundFen,
        ReportMetric.SelfCost => SelfFen,
        ReportMetric.PerCapitaCost => PerCapitaFen,
        ReportMetric.PerCapitaDrug => PerCapitaDrugFen,
        ReportMetric.PerCapitaExam => PerCapitaExamFen,
        ReportMetric.PerCapitaTreatment => PerCapitaTreatmentFen,
        ReportMetric.PerCapitaMaterial => PerCapitaMaterialFen,
        ReportMetric.HospitalisationRate => HospitalisationRate,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown metric"),
    };

    private decimal? PerActive(long amount) => ActivePatients == 0 ? null : (decimal)amount / ActivePatients;
}
