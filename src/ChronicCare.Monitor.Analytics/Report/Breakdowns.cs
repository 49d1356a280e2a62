namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>One disease's figures and their month-on-month and year-on-year changes (in <see cref="ReportMetric"/> order).</summary>
public sealed record DiseaseBreakdown(string DiseaseCode, string Name, CostFigures Figures, IReadOnlyList<MetricChange> Changes);

/// <summary>
/// One patient region's (参保地, 6 digits) figures and their month-on-month and year-on-year changes (in
/// <see cref="ReportMetric"/> order); a region absent in a base month has no base there (null changes).
/// </summary>
public sealed record RegionBreakdown(string Region, CostFigures Figures, IReadOnlyList<MetricChange> Changes);

/// <summary>
/// One facility level's figures (0 = ungraded/grassroots, 1..3 = 一/二/三级) and their month-on-month and year-on-year
/// changes (in <see cref="ReportMetric"/> order): a patient who settled at several levels counts once under each. A
/// level without settlements in a base month has base 0 there (null changes); enrolment has no level split, so its
/// value and changes are null.
/// </summary>
public sealed record LevelBreakdown(int Level, CostFigures Figures, IReadOnlyList<MetricChange> Changes)
{
    public string NameZh => LevelNames.Zh(Level);

    public string NameEn => LevelNames.En(Level);
}

/// <summary>Names of facility levels (contract §1 facility.level).</summary>
public static class LevelNames
{
    public static string Zh(int level) => level switch
    {
        0 => "未定级/基层",
        1 => "一级",
        2 => "二级",
        3 => "三级",
        _ => $"级别{level}",
    };

    public static string En(int level) => level == 0 ? "Ungraded" : $"Level {level}";
}
