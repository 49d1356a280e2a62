namespace ChronicCare.Monitor.Streaming.Runtime;

/// <summary>
/// The state or use store (or the output) failed after the resilience pipeline's retries, or its circuit is open.
/// The commit that threw is kept and resumes where it stopped: the caller pauses consumption and calls again.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }
}
