using ChronicCare.Monitor.Alerts;

namespace ChronicCare.Monitor.Policy;

/// <summary>
/// Every number of the exact rules (contract §3) and of the automatic integrity actions (contract §5).
/// The defaults are the contract's; <c>pipelines/policies/default/policy.json</c> spells them out.
/// </summary>
public sealed record DetectionPolicy
{
    public static DetectionPolicy Default { get; } = new();

    /// <summary>Format version of the policy file; this build reads version 1.</summary>
    public int Version { get; init; } = 1;

    /// <summary>Days an event may arrive after the newest one seen and still be judged on full history.</summary>
    public int AllowedLatenessDays { get; init; } = 365;

    public SupplyPolicy Supply { get; init; } = new();

    public IdentityPolicy Identity { get; init; } = new();

    public PrescriptionPolicy Prescription { get; init; } = new();

    public QuotaPolicy Quota { get; init; } = new();

    public CardCollectionPolicy CardCollection { get; init; } = new();

    public CostOutlierPolicy CostOutliers { get; init; } = new();

    public OutlierPolicy Outlier { get; init; } = new();

    public IntegrityPolicyOptions Integrity { get; init; } = new();

    /// <summary>Severity per rule code; rules not listed are <c>medium</c>.</summary>
    public IReadOnlyDictionary<string, Severity> Severity { get; init; } = new Dictionary<string, Severity>
    {
        ["R01"] = Alerts.Severity.Medium,
        ["R02"] = Alerts.Severity.Medium,
        ["R03"] = Alerts.Severity.High,
        ["R04"] = Alerts.Severity.Low,
        ["R05"] = Alerts.Severity.High,
        ["R06"] = Alerts.Severity.High,
        ["R07"] = Alerts.Severity.High,
        ["R08"] = Alerts.Severity.Medium,
        ["R09"] = Alerts.Severity.Medium,
        ["R10"] = Alerts.Severity.Low,
        ["R11"] = Alerts.Severity.Medium,
        ["R12"] = Alerts.Severity.Medium,
        ["R13"] = Alerts.Severity.Medium,
        ["R14"] = Alerts.Severity.High,
        ["R15"] = Alerts.Severity.Low,
    };

    public Severity SeverityOf(string rule) => Severity.TryGetValue(rule, out var s) ? s : Alerts.Severity.Medium;

    /// <summary>Throws <see cref="PolicyException"/> with a one-line reason when a setting is out of range.</summary>
    public DetectionPolicy Validate()
    {
        Check(Version == 1, "version must be 1");
        Check(AllowedLatenessDays is >= 1 and <= 3660, "allowed_lateness_days must be 1..3660");
        Check(Supply.ToleranceMinDays >= 0, "supply.tolerance_min_days must be >= 0");
        Check(Supply.ToleranceFraction is >= 0 and <= 1, "supply.tolerance_fraction must be 0..1");
        Check(Supply.MaxDays >= 1, "supply.max_days must be >= 1");
        Check(Supply.MaxDaysLongPrescription >= Supply.MaxDays, "supply.max_days_long_prescription must be >= max_days");
        Check(Identity.MinFaceScore is >= 0 and <= 1, "identity.min_face_score must be 0..1");
        Check(Identity.ImpossibleTravelMinutes >= 0, "identity.impossible_travel_minutes must be >= 0");
        Check(Prescription.MaxDistinctDrugs >= 1, "prescription.max_distinct_drugs must be >= 1");
        Check(Prescription.MaxFacilityLevelForDrugCount is >= 0 and <= 3, "prescription.max_facility_level_for_drug_count must be 0..3");
        Check(Quota.LongPrescriptionMultiplier >= 1, "quota.long_prescription_multiplier must be >= 1");
        Check(CardCollection.WindowDays >= 1, "card_collection.window_days must be >= 1");
        Check(CardCollection.MinPatients >= 2, "card_collection.min_patients must be >= 2");
        Check(CostOutliers.FacilityMinSettlements >= 1, "cost_outliers.facility_min_settlements must be >= 1");
        Check(CostOutliers.FacilityMeanRatio >= 1, "cost_outliers.facility_mean_ratio must be >= 1");
        Check(CostOutliers.FacilityRobustZ > 0, "cost_outliers.facility_robust_z must be > 0");
        Check(CostOutliers.PeerGroupMinFacilities >= 1, "cost_outliers.peer_group_min_facilities must be >= 1");
        Check(CostOutliers.PatientMedianMultiple >= 1, "cost_outliers.patient_median_multiple must be >= 1");
        Check(CostOutliers.PatientMinPatients >= 1, "cost_outliers.patient_min_patients must be >= 1");
        Check(Outlier.TargetAlertRate is > 0 and < 0.5, "outlier.target_alert_rate must be in (0, 0.5)");
        Check(Integrity.WarningMonitoringMonths >= 0, "integrity.warning_monitoring_months must be >= 0");
        Check(Integrity.BanYears >= 1, "integrity.ban_years must be >= 1");
        Check(Integrity.SelfPayAtIncident >= 1, "integrity.self_pay_at_incident must be >= 1");
        Check(Integrity.CancelAtIncident > Integrity.SelfPayAtIncident, "integrity.cancel_at_incident must be > integrity.self_pay_at_incident");
        foreach (var key in Severity.Keys)
        {
            Check(Rules.RuleCatalog.IsKnown(key), $"severity names an unknown rule '{key}'");
        }

        return this;
    }

    private static void Check(bool ok, string reason)
    {
        if (!ok)
        {
            throw new PolicyException($"invalid policy: {reason}");
        }
    }
}

/// <summary>R01/R02/R03 settings: the supply model's tolerance and the prescription length limits.</summary>
public sealed record SupplyPolicy
{
    /// <summary>Tolerance floor in days: tolerance = max(this, floor(fraction × days_supply)).</summary>
    public int ToleranceMinDays { get; init; } = 7;

    public decimal ToleranceFraction { get; init; } = 0.2m;

    /// <summary>R02: longest ordinary prescription (seed Lianyungang 四(二): 30 days).</summary>
    public int MaxDays { get; init; } = 30;

    /// <summary>R02: longest 长期处方 (seed Wenzhou 二(四): 12 weeks).</summary>
    public int MaxDaysLongPrescription { get; init; } = 84;
}

/// <summary>R05 settings.</summary>
public sealed record IdentityPolicy
{
    /// <summary>A face check below this score fails (seed Chongqing 一(二) 人脸识别).</summary>
    public decimal MinFaceScore { get; init; } = 0.80m;

    /// <summary>The same card in two cities within this many minutes is impossible travel.</summary>
    public int ImpossibleTravelMinutes { get; init; } = 60;
}

/// <summary>R10 settings (seed Lianyungang 四(三)).</summary>
public sealed record PrescriptionPolicy
{
    public int MaxDistinctDrugs { get; init; } = 5;

    public int MaxFacilityLevelForDrugCount { get; init; } = 2;
}

/// <summary>R11 settings (seed Hunan 第十三、十六、十九条).</summary>
public sealed record QuotaPolicy
{
    /// <summary>A long prescription is judged over its calendar quarter against monthly_quota × this.</summary>
    public int LongPrescriptionMultiplier { get; init; } = 3;
}

/// <summary>R14 settings (seed Chongqing 二(二)).</summary>
public sealed record CardCollectionPolicy
{
    public int WindowDays { get; init; } = 30;

    public int MinPatients { get; init; } = 3;
}

/// <summary>R12 and R13 settings: the monthly cost outliers (seed Chongqing 三(一), 三(二)).</summary>
public sealed record CostOutlierPolicy
{
    /// <summary>R12: a facility needs this many settlements in the month to be judged or to be a peer.</summary>
    public int FacilityMinSettlements { get; init; } = 30;

    /// <summary>R12: its mean total per settlement must exceed this × the median of its peers' means.</summary>
    public decimal FacilityMeanRatio { get; init; } = 1.5m;

    /// <summary>R12: and its robust z-score (mean − median) / (1.4826 × MAD) must exceed this.</summary>
    public decimal FacilityRobustZ { get; init; } = 3m;

    /// <summary>R12: a city peer group smaller than this falls back to the same kind and level everywhere.</summary>
    public int PeerGroupMinFacilities { get; init; } = 5;

    /// <summary>R13: a patient's month total under one disease must exceed this × that disease's median.</summary>
    public decimal PatientMedianMultiple { get; init; } = 3m;

    /// <summary>R13: judged only when this many patients claimed under the disease that month.</summary>
    public int PatientMinPatients { get; init; } = 20;
}

/// <summary>R15 (seed Chongqing 三(二) 智能分析): how <c>chroniccare train</c> calibrates a model's threshold.</summary>
public sealed record OutlierPolicy
{
    /// <summary>The share of the training settlements that score above the calibrated threshold (R15's alert rate).</summary>
    public double TargetAlertRate { get; init; } = 0.005;
}

/// <summary>Automatic integrity actions (contract §5; seed Lianyungang 五).</summary>
public sealed record IntegrityPolicyOptions
{
    /// <summary>Heightened monitoring after a WARNING: the WARNING's effective_until is this many months later.</summary>
    public int WarningMonitoringMonths { get; init; } = 12;

    /// <summary>BAN 三年内限制申请 (seed Lianyungang 五(一)..(三)): its effective_until is this many years after it takes effect.</summary>
    public int BanYears { get; init; } = 3;

    /// <summary>The nth confirmed over-prescribing incident that brings SELF_PAY until 31 December (seed Lianyungang 五(二) 第二次).</summary>
    public int SelfPayAtIncident { get; init; } = 2;

    /// <summary>The nth confirmed over-prescribing incident that brings CANCEL and BAN (seed Lianyungang 五(二) 第三次).</summary>
    public int CancelAtIncident { get; init; } = 3;
}
