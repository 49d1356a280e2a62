namespace ChronicCare.Monitor.Streaming.Runtime;

/// <summary>Counters of the streaming runtime (no personal data): for the periodic status line and metrics.</summary>
public sealed class StreamStats
{
    private long _offsetsCommitted;
    public long EventsApplied { get; internal set; }

    public long ReplaySkipped { get; internal set; }

    public long DeadLetters { get; internal set; }

    public long AlertRecords { get; internal set; }

    public long ActionRecords { get; internal set; }

    public long RechecksSent { get; internal set; }

    public long RechecksReceived { get; internal set; }

    public long CrossPatientMarks { get; internal set; }

    public long Commits { get; internal set; }

    /// <summary>Time spent in each commit phase (shared-use sync, engine flush, output, state save): where a commit's time goes.</summary>
    public TimeSpan SyncTime { get; internal set; }

    public TimeSpan FlushTime { get; internal set; }

    public TimeSpan ProduceTime { get; internal set; }

    public TimeSpan SaveTime { get; internal set; }

    /// <summary>Offsets made durable (events, rechecks and dead letters alike), summed over partitions.</summary>
    public long OffsetsCommitted => Interlocked.Read(ref _offsetsCommitted);

    public long PatientsSaved { get; internal set; }

    public long Fenced { get; internal set; }

    public long PartitionsLoaded { get; internal set; }

    public long PatientsLoaded { get; internal set; }

    internal void AddCommitted(long offsets) => Interlocked.Add(ref _offsetsCommitted, offsets);
}
