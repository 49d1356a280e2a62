namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>
/// Drug spending against a disease's monthly quota (seed Hunan 第十三、十六条), per patient-disease-month (drug
/// amounts summed over facility levels). Long prescriptions' quarterly limits are not applied: this is the monthly view.
/// </summary>
/// <param name="QuotaFen">The disease's monthly quota; 0 when unknown (no quota ratios then).</param>
/// <param name="PatientsWithDrug">Patients with drug spending under the disease in the month.</param>
/// <param name="MeanDrugFen">Their mean drug spending; null when there are none.</param>
/// <param name="MeanToQuota">Mean / quota; null without patients or without a quota.</param>
/// <param name="OverQuota">Patients whose drug spending exceeds the quota (0 without a quota).</param>
/// <param name="OverQuotaShare">OverQuota / PatientsWithDrug; null without patients or without a quota.</param>
public sealed record QuotaUse(
    string DiseaseCode,
    string Name,
    long QuotaFen,
    long PatientsWithDrug,
    decimal? MeanDrugFen,
    decimal? MeanToQuota,
    long OverQuota,
    decimal? OverQuotaShare);
