namespace ChronicCare.Monitor.Simulation.Synthea;

/// <summary>A row of patients.csv and what the importer derives for it.</summary>
internal sealed record SyntheaPatient(string SourceId, string PatientId, string Gender, DateOnly BirthDate, DateOnly? DeathDate, string Region)
{
    public string CardId => "C" + PatientId;

    public int Facility { get; set; }

    public string PrescriberId { get; set; } = string.Empty;
}
