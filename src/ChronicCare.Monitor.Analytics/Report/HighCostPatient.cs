namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>
/// A patient's month total under one disease (summed over facility levels) against the median of that disease's
/// patient totals that month over every region (高额费用人员; R13's subject). Pseudonymised: the patient key only.
/// </summary>
/// <param name="Rank">1-based, by total descending then patient key and disease code.</param>
/// <param name="DiseasePatients">Patients with settlements under the disease that month (the median's population).</param>
/// <param name="Ratio">Total / median; null when the median is 0.</param>
/// <param name="R13Alert">An open R13 alert names this patient (and disease, when the alert's evidence names one) for the month.</param>
public sealed record HighCostPatient(
    int Rank,
    string PatientKey,
    string DiseaseCode,
    string DiseaseName,
    long TotalFen,
    decimal DiseaseMedianFen,
    decimal? Ratio,
    long DiseasePatients,
    bool R13Alert);
