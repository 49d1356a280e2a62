using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Analytics.Tests.Support;

/// <summary>Hand-made rows and records whose figures a test can add up by eye.</summary>
internal static class Rows
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>A settlement on <paramref name="day"/> at 10:00 Beijing time; amounts split drug 60%, exam 20%, treatment 15%, material the rest.</summary>
    public static SettlementRow Settlement(string id, string patient, string facility, DateOnly day, long totalFen, int level = 2, string disease = "M01")
    {
        var drug = totalFen * 60 / 100;
        var exam = totalFen * 20 / 100;
        var treatment = totalFen * 15 / 100;
        var fund = totalFen * 70 / 100;
        return new SettlementRow(
            id,
            patient,
            "320700",
            new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), Beijing),
            day,
            facility,
            "hospital",
            level,
            "320706",
            disease,
            LongPrescription: false,
            totalFen,
            fund,
            totalFen - fund,
            drug,
            exam,
            treatment,
            totalFen - drug - exam - treatment);
    }

    /// <summary>The settlement as the recorder writes it when the reference does not know its facility yet.</summary>
    public static SettlementRow UnknownFacility(SettlementRow s) => s with { FacilityKind = "unknown", FacilityLevel = -1, FacilityRegion = "" };

    public static ReversalRow Reversal(string settlementId) => new(settlementId, new DateTimeOffset(2026, 3, 20, 9, 0, 0, Beijing));

    public static Alert Alert(string id, string rule = "R01", string eventTime = "2026-03-12T15:40:00+08:00", string? period = null) => new(
        id,
        rule,
        AlertStatus.Open,
        Severity.High,
        "P0001",
        period is null ? "S0001" : null,
        "F001",
        period,
        eventTime,
        new DateTimeOffset(2026, 3, 12, 16, 0, 0, 123, Beijing).AddTicks(4567),
        Score: null,
        """{"days_covered":30,"note":"引号\"与反斜杠\\和\n换行\t制表"}""",
        "重复开药：上次药量尚未用完",
        "Refill while the last supply lasts");

    public static IntegrityAction Action(string id, string? until = null, string[]? alertIds = null) => new(
        id,
        "P0001",
        ActionKind.SelfPay,
        new Timestamp(new DateTimeOffset(2026, 3, 12, 15, 40, 0, Beijing)),
        until is null ? null : new Timestamp(DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture)),
        "R01",
        alertIds ?? ["R01:S0001", "R01:S0002"],
        Automatic: true,
        DecidedBy: null,
        Revokes: null,
        new DateTimeOffset(2026, 3, 12, 16, 0, 0, 5, Beijing));

    public static ReviewDecision Decision(string alertId, DateTimeOffset decidedAt, ReviewVerdict verdict = ReviewVerdict.Confirm, string? note = null) => new()
    {
        PatientId = "P0001",
        Verdict = verdict,
        AlertId = alertId,
        Rule = "R01",
        IncidentDate = new DateOnly(2026, 3, 12),
        Finding = ReviewFinding.Rule,
        DecidedBy = "审核员 王",
        DecidedAt = new Timestamp(decidedAt),
        Note = note,
    };

    public static AnalyticsBatch Batch(Action<AnalyticsBatch> fill)
    {
        var batch = new AnalyticsBatch();
        fill(batch);
        return batch;
    }
}
