using System.Globalization;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Analytics.Store;

/// <summary>
/// How every <see cref="IAnalyticsStore"/> spells values as text, both ways, so SQLite and ClickHouse hold the same
/// words and give back the same records: enums in the contract's spellings (what analysts query and what the
/// streaming writer already puts in ClickHouse), instants in the round-trip form (ticks and offset survive, so a
/// record read back equals the one written), months as <c>yyyy-MM</c>.
/// </summary>
public static class StoreText
{
    public static string Status(AlertStatus status) => status == AlertStatus.Open ? "open" : "withdrawn";

    public static AlertStatus ParseStatus(string text) => Parse<AlertStatus>(text, Status);

    public static string Severity(Severity severity) => severity switch
    {
        Alerts.Severity.High => "high",
        Alerts.Severity.Medium => "medium",
        _ => "low",
    };

    public static Severity ParseSeverity(string text) => Parse<Severity>(text, Severity);

    public static ActionKind ParseAction(string text) => Parse<ActionKind>(text, IntegrityAction.NameOf);

    public static ReviewVerdict ParseVerdict(string text) => Parse<ReviewVerdict>(text, ReviewJson.VerdictName);

    public static ReviewFinding ParseFinding(string text) => Parse<ReviewFinding>(text, ReviewJson.FindingName);

    /// <summary>An instant with its ticks and offset (<c>o</c>): parsed back it is the same value, offset included.</summary>
    public static string Instant(DateTimeOffset t) => t.ToString("o", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseInstant(string text) => DateTimeOffset.ParseExact(text, "o", CultureInfo.InvariantCulture, DateTimeStyles.None);

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The row version of a record emitted at <paramref name="emittedAt"/>: Unix milliseconds, the later emission of an
    /// id wins (0 before 1970). The same number the streaming writer gives ClickHouse rows.
    /// </summary>
    public static long Version(DateTimeOffset emittedAt) => Math.Max(0, emittedAt.ToUnixTimeMilliseconds());

    /// <summary>
    /// The month of an alert's event_time in the timestamp's own offset: its first seven characters (<c>yyyy-MM</c>),
    /// as the contract dates an event by its own calendar day.
    /// </summary>
    public static string EventMonth(string eventTime)
    {
        ArgumentNullException.ThrowIfNull(eventTime);
        return eventTime.Length >= 7 ? eventTime[..7] : eventTime;
    }

    /// <summary>The month of an instant in its own offset.</summary>
    public static string Month(DateTimeOffset t) => t.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The enum value whose spelling is <paramref name="text"/>; a <see cref="FormatException"/> for a word no value has.</summary>
    private static T Parse<T>(string text, Func<T, string> name)
        where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(name(value), text, StringComparison.Ordinal))
            {
                return value;
            }
        }

        throw new FormatException($"'{text}' is not a stored {typeof(T).Name}");
    }
}
