using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Reference;

namespace ChronicCare.Monitor.Analytics.Recording;

/// <summary>
/// Turns what the engine reads and writes into analytics rows: settlements with their lines (patient pseudonymised,
/// the facility's kind, level and region and the patient's region as the reference knows them when the settlement is
/// recorded), reversals, stays, the reference (enrolments, diseases, facilities), alerts, actions and reviews. Rows are
/// keyed, so recording the same input twice writes the same rows. Not thread-safe: one recorder per writer.
/// </summary>
public sealed class AnalyticsRecorder
{
    private readonly Pseudonymizer _keys;
    private readonly ReferenceData _reference;

    public AnalyticsRecorder(Pseudonymizer keys, ReferenceData reference)
    {
        _keys = keys;
        _reference = reference;
    }

    /// <summary>The rows recorded since the last <see cref="TakeBatch"/> (or <see cref="AnalyticsBatch.Clear"/>).</summary>
    public AnalyticsBatch Batch { get; private set; } = new();

    /// <summary>Hands over the rows recorded so far and starts a new batch, so a writer can write them while recording goes on.</summary>
    public AnalyticsBatch TakeBatch()
    {
        var taken = Batch;
        Batch = new AnalyticsBatch();
        return taken;
    }

    public void Record(InputEvent e)
    {
        switch (e)
        {
            case Settlement s:
                Record(s);
                break;
            case Reversal r:
                Batch.Reversals.Add(new ReversalRow(r.SettlementId, r.ReversedAt.Value));
                break;
            case Admission a:
                Batch.Stays.Add(new StayRow(a.StayId, _keys.Key(a.PatientId), a.FacilityId, a.AdmittedAt.ServiceDate, null));
                break;
            case Discharge d:
                Batch.Stays.Add(new StayRow(d.StayId, _keys.Key(d.PatientId), null, null, d.DischargedAt.ServiceDate));
                break;
            case ReferenceUpsert u:
                RecordReference(u.Record);
                break;
            case ReviewDecision review:
                Batch.Decisions.Add(review);
                break;
        }
    }

    /// <summary>Every reference record loaded at start.</summary>
    public void RecordReference(ReferenceData reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        foreach (var f in reference.Facilities)
        {
            RecordReference(f);
        }

        foreach (var d in reference.Diseases)
        {
            RecordReference(d);
        }

        foreach (var p in reference.Patients)
        {
            RecordReference(p);
        }
    }

    public void Record(IEnumerable<Alert> alerts) => Batch.Alerts.AddRange(alerts);

    public void Record(IEnumerable<IntegrityAction> actions) => Batch.Actions.AddRange(actions);

    /// <summary>Yuan (at most 2 decimals, contract preamble) to fen, exactly.</summary>
    public static long Fen(decimal yuan) => (long)Math.Round(yuan * 100m, MidpointRounding.AwayFromZero);

    private void Record(Settlement s)
    {
        var facility = _reference.Facility(s.FacilityId);
        var patient = _reference.Patient(s.PatientId);
        long drug = 0, exam = 0, treatment = 0, material = 0;
        foreach (var l in s.Lines)
        {
            var fen = Fen(l.Amount);
            switch (l.ItemType)
            {
                case ItemType.Drug: drug += fen; break;
                case ItemType.Exam: exam += fen; break;
                case ItemType.Treatment: treatment += fen; break;
                default: material += fen; break;
            }

            Batch.Lines.Add(new LineRow(s.SettlementId, l.LineNo, Name(l.ItemType), l.ItemCode, (double)l.Quantity, fen, l.DaysSupply));
        }

        Batch.Settlements.Add(new SettlementRow(s.SettlementId, _keys.Key(s.PatientId), patient?.Region ?? "", s.SettledAt.Value, s.ServiceDate,
            s.FacilityId, facility is null ? "unknown" : KindName(facility.Kind), facility?.Level ?? -1, facility?.Region ?? "", s.DiseaseCode,
            s.Prescription.LongPrescription, Fen(s.TotalAmount), Fen(s.FundPaid), Fen(s.SelfPaid), drug, exam, treatment, material));
    }

    private void RecordReference(object record)
    {
        switch (record)
        {
            case Facility f:
                Batch.Facilities.Add(new FacilityRow(f.FacilityId, f.Name, KindName(f.Kind), f.Level, f.Region));
                break;
            case Disease d:
                Batch.Diseases.Add(new DiseaseRow(d.DiseaseCode, d.Name, Fen(d.MonthlyQuota)));
                break;
            case Patient p:
                var key = _keys.Key(p.PatientId);
                Batch.ReplaceEnrolments(key);
                foreach (var a in p.Diseases)
                {
                    Batch.Enrolments.Add(new EnrolmentRow(key, a.DiseaseCode, p.Region, p.Insurance == InsuranceKind.Employee ? "employee" : "resident",
                        a.BenefitStart, a.ValidUntil));
                }

                break;
        }
    }

    private static string Name(ItemType t) => t switch
    {
        ItemType.Drug => "drug",
        ItemType.Exam => "exam",
        ItemType.Treatment => "treatment",
        _ => "material",
    };

    public static string KindName(FacilityKind k) => k switch
    {
        FacilityKind.Hospital => "hospital",
        FacilityKind.Community => "community",
        FacilityKind.Clinic => "clinic",
        _ => "pharmacy",
    };
}
