using System.Globalization;

namespace ChronicCare.Monitor.Analytics;

/// <summary>
/// The <c>yyyy-MM</c> months the analytics store, month close, the report and the commands take: one parser and one
/// spelling. A month is spliced into ClickHouse SQL (18.16 has no query parameters), so anything else is refused here,
/// before any SQL is built.
/// </summary>
public static class Months
{
    /// <summary>The month's first day; an <see cref="ArgumentException"/> with a one-line reason for anything but a real <c>yyyy-MM</c>.</summary>
    public static DateOnly Parse(string month) =>
        month is { Length: 7 } && month[4] == '-'
        && DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? first
            : throw new ArgumentException($"a month must be yyyy-MM (e.g. 2026-03), not '{month}'", nameof(month));

    /// <summary>The first and last day of a month.</summary>
    public static (DateOnly First, DateOnly Last) Range(string month)
    {
        var first = Parse(month);
        return (first, first.AddMonths(1).AddDays(-1));
    }

    /// <summary>The month a day falls in.</summary>
    public static string Of(DateOnly day) => Rules.CostLedger.MonthOf(day);

    /// <summary>The month <paramref name="months"/> after (or before) the one starting on <paramref name="first"/>.</summary>
    public static string Add(DateOnly first, int months) => Of(first.AddMonths(months));
}
