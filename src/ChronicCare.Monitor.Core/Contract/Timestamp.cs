namespace ChronicCare.Monitor.Contract;

/// <summary>
/// An ISO-8601 timestamp with its offset, as the contract writes it. Ordering is by instant; the
/// <see cref="ServiceDate"/> is the calendar date in the timestamp's own offset (contract, preamble).
/// </summary>
public readonly record struct Timestamp(DateTimeOffset Value)
{
    public long UtcTicks => Value.UtcTicks;

    public DateOnly ServiceDate => DateOnly.FromDateTime(Value.DateTime);

    public override string ToString() => Value.ToString(Value.Offset == TimeSpan.Zero ? "yyyy-MM-dd'T'HH:mm:ssZ" : "yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
}
