namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>
/// The monthly operation analysis (月度运行分析; seed Chongqing 三(一): 住院率, 月人均费用 by 检查, 治疗, 药品) of one month,
/// optionally of one region, built by <see cref="ReportBuilder"/> from the analytics store and written by
/// <see cref="ReportJson"/> and <see cref="ReportHtml"/>. Money is in fen; ratios are exact decimals (renderers round).
/// Every list is in a fixed order, so the same store gives the same report.
/// </summary>
/// <param name="Month">The month reported, <c>yyyy-MM</c>.</param>
/// <param name="Region">A prefix of the 6-digit region code (<c>3201</c> = a city), or null for every region.</param>
/// <param name="GeneratedAt">When the report was built (from the caller's clock).</param>
/// <param name="PreviousMonth">The month before (month-on-month base).</param>
/// <param name="YearAgoMonth">The same month a year before (year-on-year base).</param>
/// <param name="Headline">The month's figures over the whole (filtered) population.</param>
/// <param name="HeadlineChanges">Month-on-month and year-on-year change of every headline metric, in <see cref="ReportMetric"/> order.</param>
/// <param name="ByDisease">Per disease with its changes, by total cost descending then disease code.</param>
/// <param name="ByRegion">Per patient region (6 digits) with its changes, by region code.</param>
/// <param name="ByFacilityLevel">Per facility level 0..3 (always all four) with its changes, by level.</param>
/// <param name="Trend">The month and the 12 before it, oldest first.</param>
/// <param name="Alerts">The month's alerts by rule, severity and triage status.</param>
/// <param name="Sanctions">Integrity actions effective in the month.</param>
/// <param name="TopFacilities">Up to 10 facilities with the highest cost per settlement against their peers.</param>
/// <param name="TopPatients">Up to 10 patient-disease pairs with the highest month totals (pseudonymised keys only).</param>
/// <param name="QuotaUse">Drug spending against the monthly quota per disease, in <paramref name="ByDisease"/> order.</param>
/// <param name="FacilityCriteria">The peer-comparison thresholds the facility table used.</param>
public sealed record MonthlyReport(
    string Month,
    string? Region,
    DateTimeOffset GeneratedAt,
    string PreviousMonth,
    string YearAgoMonth,
    CostFigures Headline,
    IReadOnlyList<MetricChange> HeadlineChanges,
    IReadOnlyList<DiseaseBreakdown> ByDisease,
    IReadOnlyList<RegionBreakdown> ByRegion,
    IReadOnlyList<LevelBreakdown> ByFacilityLevel,
    IReadOnlyList<TrendPoint> Trend,
    AlertSummary Alerts,
    SanctionSummary Sanctions,
    IReadOnlyList<FacilityPeerComparison> TopFacilities,
    IReadOnlyList<HighCostPatient> TopPatients,
    IReadOnlyList<QuotaUse> QuotaUse,
    FacilityCriteria FacilityCriteria);
