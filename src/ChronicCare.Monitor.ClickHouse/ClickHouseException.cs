using System.Net;

namespace ChronicCare.Monitor.ClickHouse;

/// <summary>
/// ClickHouse refused a statement (the message is its first error line), did not answer in time, or could not be
/// reached. The streaming runtime treats it like any store failure: the commit is kept and retried.
/// </summary>
public sealed class ClickHouseException : Exception
{
    public ClickHouseException()
    {
    }

    public ClickHouseException(string message)
        : base(message)
    {
    }

    public ClickHouseException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ClickHouseException(string message, HttpStatusCode statusCode)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status ClickHouse answered with; null when there was no answer.</summary>
    public HttpStatusCode? StatusCode { get; }
}
