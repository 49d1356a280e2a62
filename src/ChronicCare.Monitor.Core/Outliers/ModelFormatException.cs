namespace ChronicCare.Monitor.Outliers;

/// <summary>A model file that is corrupt, truncated or of a format or feature schema this build cannot score.</summary>
public sealed class ModelFormatException : Exception
{
    public ModelFormatException(string message)
        : base(message)
    {
    }

    public ModelFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ModelFormatException()
    {
    }
}
