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
/// reviews already in the store are read back so their sanctions take effect in this run (contract §5). A full batch
/// is written on another thread while the engine goes on (one write in flight; a failed write surfaces at the next
/// batch or at the end). Synchronous over the async store otherwise: <c>detect</c> is a plain command-line job with no
/// synchronisation context.
/// </summary>
internal sealed class DetectRecording : IAsyncDisposable
{
    private const int BatchRows = 50_000;
    private readonly IAnalyticsStore _store;
    private readonly AnalyticsRecorder _recorder;
    private readonly CancellationToken _ct;
    private Task _writing = Task.CompletedTask;

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
        _writing.GetAwaiter().GetResult();
        foreach (var month in months)
        {
            _store.RefreshRollupsAsync(month, _ct).GetAwaiter().GetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // A write still in flight when detect failed: let it end before the store closes; its error is not the first.
            await _writing.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the exception that made detect fail is the one reported
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        await _store.DisposeAsync().ConfigureAwait(false);
    }

    private void WriteBatch()
    {
        if (_recorder.Batch.Count == 0)
        {
            return;
        }

        var batch = _recorder.TakeBatch();
        _writing.GetAwaiter().GetResult();
        _writing = Task.Run(() => _store.WriteAsync(batch, _ct), _ct);
    }
}
