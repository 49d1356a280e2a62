namespace ChronicCare.Monitor.Analytics.Triage;

/// <summary>A triage request that is not allowed: the user lacks the role, or the subject cannot take that decision.</summary>
public sealed class TriageRefusedException : Exception
{
    public TriageRefusedException()
    {
    }

    public TriageRefusedException(string message)
        : base(message)
    {
    }

    public TriageRefusedException(string message, TriageRefusal kind)
        : base(message)
    {
        Kind = kind;
    }

    public TriageRefusal Kind { get; }

    public TriageRefusedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
