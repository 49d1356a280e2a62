using System.Globalization;

namespace ChronicCare.Monitor.ClickHouse.Analytics;

/// <summary>
/// Values spliced into SQL: 18.16 has no query parameters, so every literal is built here, escaped for ClickHouse's
/// quoted strings (backslash and quote; everything else, Chinese and newlines included, may stand as it is).
/// </summary>
internal static class ClickHouseLiteral
{
    public static string String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
    }

    public static string Date(DateOnly day) => $"toDate('{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}')";

    /// <summary>The partition id of a month of a table partitioned by <c>toYYYYMM</c>: an unquoted number.</summary>
    public static string YearMonth(DateOnly first) => (first.Year * 100 + first.Month).ToString(CultureInfo.InvariantCulture);
}
