using ChronicCare.Monitor.Contract;

namespace ChronicCare.Monitor.Parsing;

/// <summary>Either an event or the one-line reason it is bad (contract §6).</summary>
public readonly record struct ParseOutcome(InputEvent? Event, string? Error)
{
    public bool IsBad => Event is null;

    public static ParseOutcome Bad(string reason) => new(null, reason);

    public static ParseOutcome Ok(InputEvent e) => new(e, null);
}
