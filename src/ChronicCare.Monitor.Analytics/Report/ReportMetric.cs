namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>The figures compared month-on-month and year-on-year, in report order.</summary>
public enum ReportMetric
{
    EnrolledPatients,
    ActivePatients,
    Settlements,
    TotalCost,
    FundCost,
    SelfCost,
    PerCapitaCost,
    PerCapitaDrug,
    PerCapitaExam,
    PerCapitaTreatment,
    PerCapitaMaterial,
    HospitalisationRate,
}

/// <summary>How a metric's value reads: a count, money in fen, or a rate.</summary>
public enum MetricKind
{
    Count,
    Money,
    Rate,
}

/// <summary>Names and kinds of <see cref="ReportMetric"/>.</summary>
public static class ReportMetrics
{
    public static IReadOnlyList<ReportMetric> All { get; } = Enum.GetValues<ReportMetric>();

    public static MetricKind KindOf(ReportMetric metric) => metric switch
    {
        ReportMetric.EnrolledPatients or ReportMetric.ActivePatients or ReportMetric.Settlements => MetricKind.Count,
        ReportMetric.HospitalisationRate => MetricKind.Rate,
        _ => MetricKind.Money,
    };

    /// <summary>snake_case key (JSON).</summary>
    public static string Key(ReportMetric metric) => metric switch
    {
        ReportMetric.EnrolledPatients => "enrolled_patients",
        ReportMetric.ActivePatients => "active_patients",
        ReportMetric.Settlements => "settlements",
        ReportMetric.TotalCost => "total_cost",
        ReportMetric.FundCost => "fund_cost",
        ReportMetric.SelfCost => "self_cost",
        ReportMetric.PerCapitaCost => "per_capita_cost",
        ReportMetric.PerCapitaDrug => "per_capita_drug",
        ReportMetric.PerCapitaExam => "per_capita_exam",
        ReportMetric.PerCapitaTreatment => "per_capita_treatment",
        ReportMetric.PerCapitaMaterial => "per_capita_material",
        ReportMetric.HospitalisationRate => "hospitalisation_rate",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown metric"),
    };

    public static string NameZh(ReportMetric metric) => metric switch
    {
        ReportMetric.EnrolledPatients => "参保待遇人数",
        ReportMetric.ActivePatients => "就诊人数",
        ReportMetric.Settlements => "结算人次",
        ReportMetric.TotalCost => "医疗总费用",
        ReportMetric.FundCost => "统筹基金支付",
        ReportMetric.SelfCost => "个人负担",
        ReportMetric.PerCapitaCost => "月人均费用",
        ReportMetric.PerCapitaDrug => "人均药品费",
        ReportMetric.PerCapitaExam => "人均检查费",
        ReportMetric.PerCapitaTreatment => "人均治疗费",
        ReportMetric.PerCapitaMaterial => "人均材料费",
        ReportMetric.HospitalisationRate => "住院率",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown metric"),
    };

    public static string NameEn(ReportMetric metric) => metric switch
    {
        ReportMetric.EnrolledPatients => "Enrolled patients",
        ReportMetric.ActivePatients => "Active patients",
        ReportMetric.Settlements => "Settlements",
        ReportMetric.TotalCost => "Total cost",
        ReportMetric.FundCost => "Fund paid",
        ReportMetric.SelfCost => "Self paid",
        ReportMetric.PerCapitaCost => "Cost per patient",
        ReportMetric.PerCapitaDrug => "Drug per patient",
        ReportMetric.PerCapitaExam => "Exams per patient",
        ReportMetric.PerCapitaTreatment => "Treatment per patient",
        ReportMetric.PerCapitaMaterial => "Material per patient",
        ReportMetric.HospitalisationRate => "Hospitalisation rate",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown metric"),
    };
}
