using ChronicCare.Monitor.Analytics.Report;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Policy;
using Microsoft.Extensions.Time.Testing;
using static ChronicCare.Monitor.Reporting.Tests.Support.Rows;

namespace ChronicCare.Monitor.Reporting.Tests.Support;

/// <summary>
/// A tiny city whose figures are computed by hand in the tests (money in fen):
/// 2026-03: P1 (高血压 HTN, 320102) at level 1 (2 settlements: drug 6000, exam 2000, treatment 1500, material 500)
/// and at level 2 (1 settlement: drug 5000); P2 (T2DM, 320205) at level 2 (3 settlements: drug, exam, treatment 3000
/// each). Enrolled: P1, P2, P3 (HTN, 320102, no settlements); P4 (HTN, 320103) only until 2026-02-15. Stays: P3
/// admitted 03-05, P9 (not in the population) 03-06, P2 admitted 02-20.
/// 2026-02: P1 (HTN, level 1) 4 settlements, drug 20000. 2025-03: no settlements.
/// </summary>
internal static class BasicCity
{
    public const string Month = "2026-03";

    public static DateTimeOffset GeneratedAt { get; } =
        new FakeTimeProvider(new DateTimeOffset(2026, 4, 2, 0, 30, 0, TimeSpan.Zero)).GetUtcNow();

    public static InMemoryAnalyticsStore Store()
    {
        var s = new InMemoryAnalyticsStore();
        s.Diseases.AddRange([new DiseaseRow("HTN", "高血压", 10000), new DiseaseRow("T2DM", "2型糖尿病", 20000)]);
        s.PatientMonths.AddRange(
        [
            Pm("2026-03", "P1", "HTN", 1, "320102", 2, drug: 6000, exam: 2000, treatment: 1500, material: 500),
            Pm("2026-03", "P1", "HTN", 2, "320102", 1, drug: 5000),
            Pm("2026-03", "P2", "T2DM", 2, "320205", 3, drug: 3000, exam: 3000, treatment: 3000),
            Pm("2026-02", "P1", "HTN", 1, "320102", 4, drug: 20000),
        ]);
        s.Enrolments.AddRange(
        [
            Enrol("P1", "HTN", "320102"),
            Enrol("P2", "T2DM", "320205"),
            Enrol("P3", "HTN", "320102"),
            Enrol("P4", "HTN", "320103", until: "2026-02-15"),
        ]);
        s.Stays.AddRange([Stay("S1", "P3", "2026-03-05"), Stay("S2", "P9", "2026-03-06"), Stay("S3", "P2", "2026-02-20")]);
        return s;
    }

    public static Task<MonthlyReport> BuildAsync(IAnalyticsStore store, string month = Month, string? region = null, CostOutlierPolicy? policy = null) =>
        ReportBuilder.BuildAsync(store, month, region, policy ?? new CostOutlierPolicy(), GeneratedAt, CancellationToken.None);
}
