namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>One series of a chart: its legend name and colour.</summary>
internal sealed record ChartSeries(string Name, string Color);

/// <summary>Colours of the charts (print-safe, distinguishable in greyscale by lightness).</summary>
internal static class ChartColors
{
    public const string Primary = "#2f6fb0";
    public const string Secondary = "#e0883a";
    public const string Bars = "#b9d3ec";
    public const string Drug = "#2f6fb0";
    public const string Exam = "#e0883a";
    public const string Treatment = "#3a9d6a";
    public const string Material = "#8e6bbf";
    public const string Untriaged = "#e5a11c";
    public const string Confirmed = "#c0392b";
    public const string Dismissed = "#95a5a6";
    public const string Axis = "#8a96a3";
    public const string Grid = "#e3e8ee";
    public const string Muted = "#5f6b78";
}
