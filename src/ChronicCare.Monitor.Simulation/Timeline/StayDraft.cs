namespace ChronicCare.Monitor.Simulation.Timeline;

/// <summary>An inpatient stay: an admission event and a discharge event.</summary>
internal sealed class StayDraft
{
    public string Id { get; set; } = string.Empty;

    public int Facility { get; set; }

    public DateTime AdmittedAt { get; set; }

    public DateTime DischargedAt { get; set; }

    public DateOnly AdmissionDate => DateOnly.FromDateTime(AdmittedAt);

    public DateOnly DischargeDate => DateOnly.FromDateTime(DischargedAt);

    /// <summary>R07 fires strictly between the two dates; ordinary visits also avoid both end days.</summary>
    public bool Blocks(DateOnly date) => date >= AdmissionDate && date <= DischargeDate;
}
