using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Analytics.Store;

/// <summary>One write to the store: any mix of rows; empty lists write nothing.</summary>
public sealed class AnalyticsBatch
{
    private static long s_lastVersion;
    private long _enrolmentVersion = NextVersion();

    public List<SettlementRow> Settlements { get; } = [];

    public List<LineRow> Lines { get; } = [];

    public List<ReversalRow> Reversals { get; } = [];

    public List<StayRow> Stays { get; } = [];

    /// <summary>
    /// Enrolment rows. A batch states the whole enrolment set of every patient it has a row for or lists in
    /// <see cref="EnrolmentSets"/>: the store replaces that patient's earlier rows with these (a disease the patient
    /// is no longer approved for is gone), unless it holds a set of the patient from a batch with a higher
    /// <see cref="EnrolmentVersion"/>.
    /// </summary>
    public List<EnrolmentRow> Enrolments { get; } = [];

    /// <summary>
    /// The patient keys whose enrolment set this batch states, rows or none: a patient listed here without rows has no
    /// approved disease left. See <see cref="ReplaceEnrolments"/>.
    /// </summary>
    public HashSet<string> EnrolmentSets { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Orders this batch's enrolment sets against other batches': of two sets of one patient the one with the higher
    /// version stands (a tie goes to the later write), so writing an older batch again brings back nothing a later one
    /// removed. Set when the batch is created and again by <see cref="Clear"/>: the time in Unix microseconds, strictly
    /// increasing within the process, so a batch begun later wins. Not negative.
    /// </summary>
    public long EnrolmentVersion
    {
        get => _enrolmentVersion;
        set => _enrolmentVersion = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "an enrolment version is not negative");
    }

    public List<DiseaseRow> Diseases { get; } = [];

    public List<FacilityRow> Facilities { get; } = [];

    public List<Alert> Alerts { get; } = [];

    public List<IntegrityAction> Actions { get; } = [];

    public List<ReviewDecision> Decisions { get; } = [];

    public int Count => Settlements.Count + Lines.Count + Reversals.Count + Stays.Count + Enrolments.Count + EnrolmentSets.Count + Diseases.Count
        + Facilities.Count + Alerts.Count + Actions.Count + Decisions.Count;

    /// <summary>
    /// Starts the enrolment set of <paramref name="patientKey"/> anew: the rows added after this call are the patient's
    /// whole set (none: not enrolled). A second call for the same patient in this batch (a later record of the patient)
    /// drops the rows added since the first.
    /// </summary>
    public void ReplaceEnrolments(string patientKey)
    {
        ArgumentNullException.ThrowIfNull(patientKey);
        if (!EnrolmentSets.Add(patientKey))
        {
            Enrolments.RemoveAll(e => string.Equals(e.PatientKey, patientKey, StringComparison.Ordinal));
        }
    }

    public void Clear()
    {
        Settlements.Clear();
        Lines.Clear();
        Reversals.Clear();
        Stays.Clear();
        Enrolments.Clear();
        EnrolmentSets.Clear();
        EnrolmentVersion = NextVersion();
        Diseases.Clear();
        Facilities.Clear();
        Alerts.Clear();
        Actions.Clear();
        Decisions.Clear();
    }

    /// <summary>The current time in Unix microseconds, or one more than the last version handed out if that is not less.</summary>
    private static long NextVersion()
    {
        var now = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks / 10;
        while (true)
        {
            var last = Interlocked.Read(ref s_lastVersion);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref s_lastVersion, next, last) == last)
            {
                return next;
            }
        }
    }
}
