namespace ChronicCare.Monitor.Cli.Terminal;

/// <summary>What <c>chroniccare</c>'s exit code means (documented in the README).</summary>
internal static class ExitCodes
{
    /// <summary>The job ran (bad events, if any, are in the dead-letter output).</summary>
    public const int Ok = 0;

    /// <summary>An unexpected failure; the message says what.</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments: an unknown option, a missing or malformed value.</summary>
    public const int Usage = 2;

    /// <summary>Unusable input: missing files, unreadable reference data, an invalid policy.</summary>
    public const int BadInput = 3;

    /// <summary>Refused: the user is not authorised for the decision, or its subject cannot take it (triage).</summary>
    public const int Refused = 4;

    /// <summary>Stopped by Ctrl-C or SIGTERM before it finished.</summary>
    public const int Cancelled = 130;
}
