using System.Globalization;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Policy;

namespace ChronicCare.Monitor.Rules;

/// <summary>
/// The alert records of R12 (subject: facility + period) and R13 (patient + disease + period), contract §4. The ids
/// are deterministic, so a month judged again (provisionally, at close, on replay) gives the same ids; the event
/// time is the period's start in China Standard Time (+08:00), where the fund's months run.
/// </summary>
public static class CostOutlierAlerts
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public static string FacilityAlertId(string facilityId, string period) => $"R12:{facilityId}:{period}";

    public static string PatientAlertId(string patientId, string diseaseCode, string period) => $"R13:{patientId}:{diseaseCode}:{period}";

    /// <summary>The period start as the contract writes timestamps.</summary>
    public static string PeriodStart(string period) =>
        new Contract.Timestamp(new DateTimeOffset(DateTime.ParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture), ChinaStandardTime)).ToString();

    /// <summary>Every R12 and R13 alert of one month, ordered by id.</summary>
    public static List<Alert> For(string period, IEnumerable<FacilityMonth> facilities, IEnumerable<PatientDiseaseMonth> patients, DetectionPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var alerts = new List<Alert>();
        alerts.AddRange(FacilityCostRule.Evaluate(facilities, policy.CostOutliers).Select(o => Facility(period, o, policy, now)));
        alerts.AddRange(PatientCostRule.Evaluate(patients, policy.CostOutliers).Select(o => Patient(period, o, policy, now)));
        alerts.Sort((a, b) => string.CompareOrdinal(a.AlertId, b.AlertId));
        return alerts;
    }

    public static Alert Facility(string period, FacilityCostOutlier o, DetectionPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(policy);
        var ratio = o.PeerMedian == 0 ? 0 : o.Mean / o.PeerMedian;
        using var e = new EvidenceBuilder();
        e.Str("period", period).Num("settlements", o.Settlements).Num("mean_total", Round(o.Mean)).Num("peer_median", Round(o.PeerMedian))
            .Num("peer_mad", Round(o.Mad)).Num("robust_z", Round(o.RobustZ)).Num("ratio_to_median", Round(ratio))
            .Str("peer_group", o.PeersEverywhere ? "same_kind_level_everywhere" : "same_kind_level_city").Num("peers", o.Peers);
        return new Alert(FacilityAlertId(o.FacilityId, period), "R12", AlertStatus.Open, policy.SeverityOf("R12"), null, null, o.FacilityId, period,
            PeriodStart(period), now, null, e.Build(null),
            $"{period} 该机构次均费用 {Round(o.Mean)} 元，为同类机构中位数 {Round(o.PeerMedian)} 元的 {Round(ratio)} 倍（稳健 Z 值 {Round(o.RobustZ)}）。",
            $"In {period} the facility's mean cost per settlement ({Round(o.Mean)}) is {Round(ratio)} x its peers' median ({Round(o.PeerMedian)}), robust z {Round(o.RobustZ)}.");
    }

    public static Alert Patient(string period, PatientCostOutlier o, DetectionPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(policy);
        var multiple = o.DiseaseMedian == 0 ? 0 : o.Total / o.DiseaseMedian;
        using var e = new EvidenceBuilder();
        e.Str("period", period).Str("disease_code", o.DiseaseCode).Num("month_total", Round(o.Total)).Num("disease_median", Round(o.DiseaseMedian))
            .Num("multiple_of_median", Round(multiple)).Num("patients", o.Patients);
        return new Alert(PatientAlertId(o.PatientId, o.DiseaseCode, period), "R13", AlertStatus.Open, policy.SeverityOf("R13"), o.PatientId, null, null, period,
            PeriodStart(period), now, null, e.Build(null),
            $"{period} 该参保人 {o.DiseaseCode} 病种费用 {Round(o.Total)} 元，为同病种人员中位数 {Round(o.DiseaseMedian)} 元的 {Round(multiple)} 倍。",
            $"In {period} the patient's {o.DiseaseCode} total ({Round(o.Total)}) is {Round(multiple)} x the disease's median patient total ({Round(o.DiseaseMedian)}).");
    }

    /// <summary>Two decimals, always written with two (adding 0.00m fixes the scale), so the same figure from decimal
    /// yuan (detect) and from fen (the store) gives the same evidence text and the same record.</summary>
    private static decimal Round(decimal v) => Math.Round(v, 2, MidpointRounding.AwayFromZero) + 0.00m;
}
