namespace ChronicCare.Monitor.Streaming.Runtime;

/// <summary>
/// What a record on the events topic is when the transport marks it as the monitor's own (a Kafka header): contract
/// events are <see cref="None"/>. Any producer of the topic could set the header, so what a marked record may do is
/// checked where it is applied (a review's user against the roster; a recheck only re-evaluates a patient).
/// </summary>
public enum InternalRecord
{
    /// <summary>A contract event (contract §2).</summary>
    None,

    /// <summary>Another partition's use changed this patient's R05/R14 outcome: re-evaluate it.</summary>
    Recheck,

    /// <summary>A triage decision from <c>chroniccare triage</c> (contract §5), keyed by its patient.</summary>
    Review,
}
