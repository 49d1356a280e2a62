using System.Globalization;

namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>Months as the store names them (<c>yyyy-MM</c>): parsing with a clear message, and month arithmetic.</summary>
internal static class ReportMonth
{
    public static DateOnly Parse(string month)
    {
        ArgumentNullException.ThrowIfNull(month);
        if (month.Length != 7 || month[4] != '-'
            || !DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            throw new ArgumentException($"month must be yyyy-MM (e.g. 2026-03), not '{month}'", nameof(month));
        }

        return first;
    }

    public static string Format(DateOnly first) => first.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string Add(DateOnly first, int months) => Format(first.AddMonths(months));
}
