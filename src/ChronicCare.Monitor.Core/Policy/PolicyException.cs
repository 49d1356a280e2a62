namespace ChronicCare.Monitor.Policy;

/// <summary>A policy that cannot be used; the message is one line.</summary>
public sealed class PolicyException : Exception
{
    public PolicyException()
    {
    }

    public PolicyException(string message)
        : base(message)
    {
    }

    public PolicyException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
