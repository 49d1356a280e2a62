namespace ChronicCare.Monitor.Files;

/// <summary>Input that cannot be used at all (missing folder, unreadable reference data); the message is one line.</summary>
public sealed class InputException : Exception
{
    public InputException()
    {
    }

    public InputException(string message)
        : base(message)
    {
    }

    public InputException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
