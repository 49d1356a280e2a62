using System.Globalization;

namespace ChronicCare.Monitor.Analytics.MonthClose;

/// <summary>The <c>yyyy-MM</c> months the analytics commands take.</summary>
public static class Months
{
    /// <summary>Throws <see cref="ArgumentException"/> with a one-line reason for anything but a real <c>yyyy-MM</c>.</summary>
    public static DateOnly Validate(string month) =>
        month is { Length: 7 } && DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? first
            : throw new ArgumentException($"--month must be YYYY-MM, not '{month}'");

    public static string Of(DateOnly day) => Rules.CostLedger.MonthOf(day);
}
