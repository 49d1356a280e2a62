namespace ChronicCare.Monitor.Streaming.Runtime;

/// <summary>
/// What a record on the events topic is when the transport marks it as the monitor's own (a Kafka header): contract
/// events are <see cref="None"/>; a header can only be set by our producers, so no upstream can inject the others.
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
