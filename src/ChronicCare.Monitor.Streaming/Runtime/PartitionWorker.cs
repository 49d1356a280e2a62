using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Engine;

namespace ChronicCare.Monitor.Streaming.Runtime;

/// <summary>
/// One owned input partition: its own engine over its patients, the offset its durable state includes and the
/// offset applied since. Everything applied beyond <see cref="StoredOffset"/> is lost with the worker on a
/// revocation or a crash and replayed by the next owner from the stored state.
/// </summary>
internal sealed class PartitionWorker
{
    public PartitionWorker(int partition, DetectionEngine engine, long storedOffset, long epoch)
    {
        Partition = partition;
        Epoch = epoch;
        Engine = engine;
        StoredOffset = storedOffset;
        AppliedOffset = storedOffset;
    }

    public int Partition { get; }

    /// <summary>The owner epoch this process claimed when it loaded the partition; its saves carry it.</summary>
    public long Epoch { get; }

    public DetectionEngine Engine { get; }

    /// <summary>The offset of the last event the durable state includes (-1: none).</summary>
    public long StoredOffset { get; set; }

    /// <summary>The offset of the last event applied to <see cref="Engine"/>.</summary>
    public long AppliedOffset { get; set; }

    public List<DeadLetter> DeadLetters { get; } = [];

    /// <summary>Kafka timestamp (Unix ms) of the earliest record applied since the last flush; 0 when none carried one.</summary>
    public long EarliestEventMs { get; set; }

    public bool HasUnsaved => AppliedOffset > StoredOffset || Engine.PendingPatients > 0;
}
