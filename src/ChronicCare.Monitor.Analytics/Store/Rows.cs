namespace ChronicCare.Monitor.Analytics.Store;

/// <summary>
/// One settlement as the analytics store keeps it (key <see cref="SettlementId"/>): the patient pseudonymised, the
/// facility and patient attributes of the time denormalised, amounts in fen split by line item type.
/// </summary>
public readonly record struct SettlementRow(
    string SettlementId,
    string PatientKey,
    string PatientRegion,
    DateTimeOffset SettledAt,
    DateOnly ServiceDate,
    string FacilityId,
    string FacilityKind,
    int FacilityLevel,
    string FacilityRegion,
    string DiseaseCode,
    bool LongPrescription,
    long TotalFen,
    long FundFen,
    long SelfFen,
    long DrugFen,
    long ExamFen,
    long TreatmentFen,
    long MaterialFen)
{
    /// <summary><c>yyyy-MM</c> of the service date.</summary>
    public string Month => ServiceDate.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One settlement line (key settlement_id + line_no).</summary>
public readonly record struct LineRow(string SettlementId, int LineNo, string ItemType, string ItemCode, double Quantity, long AmountFen, int? DaysSupply);

/// <summary>A reversal (key settlement_id); it may arrive before its settlement.</summary>
public readonly record struct ReversalRow(string SettlementId, DateTimeOffset ReversedAt);

/// <summary>A hospital stay (key stay_id); admission and discharge arrive separately, so either date may be null.</summary>
public readonly record struct StayRow(string StayId, string PatientKey, string? FacilityId, DateOnly? AdmittedOn, DateOnly? DischargedOn);

/// <summary>One approved disease of one patient (key patient_key + disease_code): the enrolled population.</summary>
public readonly record struct EnrolmentRow(string PatientKey, string DiseaseCode, string Region, string Insurance, DateOnly BenefitStart, DateOnly ValidUntil);

/// <summary>A disease and its monthly quota (key disease_code).</summary>
public readonly record struct DiseaseRow(string DiseaseCode, string Name, long MonthlyQuotaFen);

/// <summary>A facility (key facility_id).</summary>
public readonly record struct FacilityRow(string FacilityId, string Name, string Kind, int Level, string Region);

/// <summary>
/// The facility-month rollup (key month + facility_id) over non-reversed settlements: what R12 and the report's
/// facility tables read.
/// </summary>
public readonly record struct FacilityMonthRow(
    string Month,
    string FacilityId,
    string Kind,
    int Level,
    string Region,
    long Settlements,
    long Patients,
    long TotalFen,
    long FundFen,
    long SelfFen,
    long DrugFen,
    long ExamFen,
    long TreatmentFen,
    long MaterialFen);

/// <summary>
/// The patient-month rollup (key month + patient_key + disease_code + facility_level) over non-reversed settlements:
/// what R13 (summed over levels) and the report's per-capita figures read. Region is the patient's (参保地).
/// </summary>
public readonly record struct PatientMonthRow(
    string Month,
    string PatientKey,
    string DiseaseCode,
    int FacilityLevel,
    string Region,
    long Settlements,
    long TotalFen,
    long FundFen,
    long SelfFen,
    long DrugFen,
    long ExamFen,
    long TreatmentFen,
    long MaterialFen);
