namespace ChronicCare.Monitor.Simulation.Catalog;

/// <summary>
/// One chronic disease of the benefit list (contract §1 disease) plus what the simulator needs to generate
/// realistic claims under it: how common it is, which sex may be approved for it, which exams follow it up.
/// </summary>
internal sealed record DiseaseInfo(
    int Index,
    string Code,
    string Name,
    long QuotaCents,
    char? Sex,
    double Weight,
    int[] ExamItems,
    bool HospitalLed);
