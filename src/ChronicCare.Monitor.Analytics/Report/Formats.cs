using System.Globalization;

namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>How the HTML report writes numbers: yuan with 2 decimals and thousands separators, counts, shares, changes.</summary>
internal static class Formats
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public const string None = "—";

    public static string Yuan(long fen) => Money.Yuan(fen).ToString("N2", Invariant);

    public static string Yuan(decimal? fen) => fen is { } f ? Money.Yuan(f).ToString("N2", Invariant) : None;

    public static string Count(long n) => n.ToString("N0", Invariant);

    public static string Count(long? n) => n is { } v ? Count(v) : None;

    /// <summary>A share or rate as a percentage with 1 decimal (<c>12.3%</c>), rounded from the exact value.</summary>
    public static string Percent(decimal? ratio) =>
        ratio is { } r ? Math.Round(r * 100, 1, MidpointRounding.AwayFromZero).ToString("0.0", Invariant) + "%" : None;

    /// <summary>A multiple (<c>1.85×</c>).</summary>
    public static string Times(decimal? ratio) =>
        ratio is { } r ? Math.Round(r, 2, MidpointRounding.AwayFromZero).ToString("0.00", Invariant) + "×" : None;

    public static string Decimal2(decimal? value) =>
        value is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero).ToString("0.00", Invariant) : None;

    /// <summary>A metric's value as its kind reads.</summary>
    public static string Metric(MetricKind kind, decimal? value) => kind switch
    {
        MetricKind.Money => Yuan(value),
        MetricKind.Rate => Percent(value),
        _ => value is { } v ? decimal.Truncate(v).ToString("N0", Invariant) : None,
    };

    /// <summary>A change: its arrow (▲ up, ▼ down), signed percentage and CSS class.</summary>
    public static (string Text, string Css) Change(decimal? ratio)
    {
        if (ratio is not { } r)
        {
            return (None, "flat");
        }

        var pct = Math.Round(r * 100, 1, MidpointRounding.AwayFromZero);
        return pct switch
        {
            > 0 => ("▲ +" + pct.ToString("0.0", Invariant) + "%", "up"),
            < 0 => ("▼ −" + (-pct).ToString("0.0", Invariant) + "%", "down"),
            _ => ("0.0%", "flat"),
        };
    }

    public static string Number(double value, int decimals) =>
        value.ToString("N" + decimals.ToString(Invariant), Invariant);

    /// <summary>SVG coordinates: invariant, at most 2 decimals.</summary>
    public static string Coord(double value) => Math.Round(value, 2).ToString("0.##", Invariant);
}
