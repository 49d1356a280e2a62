namespace ChronicCare.Monitor.Contract;

/// <summary>A full reference record arriving on the stream; replaces the previous one with the same key (contract §1).</summary>
public sealed class ReferenceUpsert : InputEvent
{
    private ReferenceUpsert(object record, string key)
    {
        Record = record;
        Key = key;
    }

    /// <summary>A <see cref="Facility"/>, <see cref="Drug"/>, <see cref="Disease"/> or <see cref="Patient"/>.</summary>
    public object Record { get; }

    public string Key { get; }

    public override string? PartitionKey => Record is Patient p ? p.PatientId : null;

    public static ReferenceUpsert Of(Facility f) => new(f, f.FacilityId);

    public static ReferenceUpsert Of(Drug d) => new(d, d.DrugCode);

    public static ReferenceUpsert Of(Disease d) => new(d, d.DiseaseCode);

    public static ReferenceUpsert Of(Patient p) => new(p, p.PatientId);
}
