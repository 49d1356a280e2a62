using ChronicCare.Monitor.Contract;

namespace ChronicCare.Monitor.Reference;

/// <summary>
/// The reference tables (contract §1), upserted by key. Mutated only between engine flushes, so rule
/// evaluation (which may run on several threads) reads it without locks.
/// </summary>
public sealed class ReferenceData
{
    private readonly Dictionary<string, Facility> _facilities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Drug> _drugs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Disease> _diseases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Patient> _patients = new(StringComparer.Ordinal);

    public int FacilityCount => _facilities.Count;

    public int DrugCount => _drugs.Count;

    public int DiseaseCount => _diseases.Count;

    public int PatientCount => _patients.Count;

    public IEnumerable<Facility> Facilities => _facilities.Values;

    public IEnumerable<Disease> Diseases => _diseases.Values;

    public IEnumerable<Drug> Drugs => _drugs.Values;

    public IEnumerable<Patient> Patients => _patients.Values;

    public Facility? Facility(string id) => _facilities.GetValueOrDefault(id);

    public Drug? Drug(string code) => _drugs.GetValueOrDefault(code);

    public Disease? Disease(string code) => _diseases.GetValueOrDefault(code);

    public Patient? Patient(string id) => _patients.GetValueOrDefault(id);

    /// <summary>Replaces the record with the same key; returns the upserted record's kind for dirty-marking.</summary>
    public void Upsert(object record)
    {
        switch (record)
        {
            case Facility f:
                _facilities[f.FacilityId] = f;
                break;
            case Drug d:
                _drugs[d.DrugCode] = d;
                break;
            case Disease d:
                _diseases[d.DiseaseCode] = d;
                break;
            case Patient p:
                _patients[p.PatientId] = p;
                break;
            default:
                throw new ArgumentException($"not a reference record: {record.GetType().Name}", nameof(record));
        }
    }
}
