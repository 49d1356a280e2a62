using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Streaming.Output;

/// <summary>
/// The seam to the output topics (Kafka when scaled, memory in stage tests). Records are buffered by the calls
/// and become durable at <see cref="FlushAsync"/>; every record carries a deterministic id, so a replay that
/// writes one again only repeats it.
/// </summary>
public interface IStreamOutput
{
    void Alert(Alert alert);

    void Action(IntegrityAction action);

    void DeadLetter(DeadLetter deadLetter);

    /// <summary>Asks whoever owns the patient's partition to re-evaluate it: another partition's settlement changed its R05/R14 outcome.</summary>
    void Recheck(string patientId);

    /// <summary>Waits until every record written so far is durable; throws when one could not be delivered.</summary>
    Task FlushAsync(CancellationToken ct);
}
