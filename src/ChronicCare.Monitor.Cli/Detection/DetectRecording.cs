using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Recording;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Cli.Analytics;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Reference;

namespace ChronicCare.Monitor.Cli.Detection;

/// <summary>
/// <c>detect --store</c>: the batch run's analytics side. The reference and every event applied are recorded (in
/// batches of <see cref="BatchRows"/> rows), the final alerts and actions written, the months' rollups refreshed; the
/// reviews already in the store are read back so their sanctions take effect in this run (contract §5). Synchronous
/// over the async store: <c>detect</c> is a plain command-line job with no synchronisation context.
/// </summary>
internal sealed class DetectRecording : IAsyncDisposable
{
    private const int BatchRows = 50_000;
    private readonly IAnalyticsStore _store;
    private readonly AnalyticsRecorder _recorder;
    private readonly CancellationToken _ct;

    private DetectRecording(IAnalyticsStore store, AnalyticsRecorder recorder, CancellationToken ct)
    {
        _store = store;
        _recorder = recorder;
        _ct = ct;
    }

    public string Describe => _store.Describe;

    public static DetectRecording Open(StoreChoice choice, ReferenceData reference, CancellationToken ct)
    {
        var pseudonyms = choice.Pseudonyms();
        var store = choice.OpenAsync(ct).GetAwaiter().GetResult();
        var recording = new DetectRecording(store, new AnalyticsRecorder(pseudonyms, reference), ct);
        recording._recorder.RecordReference(reference);
        recording.WriteBatch();
        return recording;
    }

    /// <summary>The reviews of patients' alerts and actions so far (a facility alert's review concerns no patient).</summary>
    public IReadOnlyList<ReviewDecision> Reviews() =>
        _store.DecisionsAsync(_ct).GetAwaiter().GetResult().Where(d => d.PatientId.Length > 0).ToList();

    public void Record(InputEvent e)
    {
        _recorder.Record(e);
        if (_recorder.Batch.Count >= BatchRows)
        {
            WriteBatch();
        }
    }

    public void Finish(IEnumerable<Alert> alerts, IEnumerable<IntegrityAction> actions, IEnumerable<string> months)
    {
        _recorder.Record(alerts);
        _recorder.Record(actions);
        WriteBatch();
        foreach (var month in months)
        {
            _store.RefreshRollupsAsync(month, _ct).GetAwaiter().GetResult();
        }
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    private void WriteBatch()
    {
        if (_recorder.Batch.Count > 0)
        {
            _store.WriteAsync(_recorder.Batch, _ct).GetAwaiter().GetResult();
            _recorder.Batch.Clear();
        }
    }
}
