using System.Globalization;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Reporting.Tests.Support;

/// <summary>Short constructors of store rows for hand-computable test data (money in fen).</summary>
internal static class Rows
{
    /// <summary>A patient-month row; fund = 70% and self = the rest of the total unless given.</summary>
    public static PatientMonthRow Pm(
        string month, string patient, string disease, int level, string region, long settlements,
        long drug = 0, long exam = 0, long treatment = 0, long material = 0, long? fund = null) =>
        new(month, patient, disease, level, region, settlements, drug + exam + treatment + material,
            fund ?? (drug + exam + treatment + material) * 7 / 10,
            (drug + exam + treatment + material) - (fund ?? (drug + exam + treatment + material) * 7 / 10),
            drug, exam, treatment, material);

    public static EnrolmentRow Enrol(string patient, string disease, string region, string from = "2020-01-01", string until = "2030-12-31") =>
        new(patient, disease, region, "employee", DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(until, CultureInfo.InvariantCulture));

    public static StayRow Stay(string id, string patient, string admitted) =>
        new(id, patient, "H1", DateOnly.Parse(admitted, CultureInfo.InvariantCulture), null);

    public static FacilityMonthRow Fm(string month, string facility, string kind, int level, string region, long settlements, long meanFen) =>
        new(month, facility, kind, level, region, settlements, settlements, settlements * meanFen, settlements * meanFen * 7 / 10,
            (settlements * meanFen) - (settlements * meanFen * 7 / 10), settlements * meanFen, 0, 0, 0);

    public static Alert Alert(
        string id, string rule, string eventTime, AlertStatus status = AlertStatus.Open, Severity severity = Severity.Medium,
        string? patient = null, string? facility = null, string? period = null, string evidence = "{}") =>
        new(id, rule, status, severity, patient, null, facility, period, eventTime, DateTimeOffset.Parse(eventTime, CultureInfo.InvariantCulture),
            null, evidence, "消息", "message");

    public static ReviewDecision Decide(string alertId, string patient, ReviewVerdict verdict, string decidedAt) => new()
    {
        PatientId = patient,
        Verdict = verdict,
        AlertId = alertId,
        Rule = alertId[..3],
        DecidedBy = "reviewer-1",
        DecidedAt = new Timestamp(DateTimeOffset.Parse(decidedAt, CultureInfo.InvariantCulture)),
    };

    public static IntegrityAction Action(string id, string patient, ActionKind kind, string from, bool automatic) =>
        new(id, patient, kind, new Timestamp(DateTimeOffset.Parse(from, CultureInfo.InvariantCulture)), null, "R01", [], automatic,
            automatic ? null : "reviewer-1", null, DateTimeOffset.Parse(from, CultureInfo.InvariantCulture));
}
