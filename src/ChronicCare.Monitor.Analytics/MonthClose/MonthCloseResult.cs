using ChronicCare.Monitor.Alerts;

namespace ChronicCare.Monitor.Analytics.MonthClose;

/// <summary>What a month close judged and emitted (no personal data: counts, and the alert records to publish).</summary>
public sealed record MonthCloseResult(
    string Month,
    bool Provisional,
    int Facilities,
    int Patients,
    int FacilityOutliers,
    int PatientOutliers,
    int Raised,
    int Withdrawn,
    IReadOnlyList<Alert> Emitted);
