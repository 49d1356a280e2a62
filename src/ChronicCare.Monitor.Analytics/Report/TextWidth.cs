using System.Text;

namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>
/// A conservative estimate of how wide text renders, in the units of its font size: CJK and other wide characters a
/// full em, Latin generously (wider than Noto Sans CJK and DejaVu Sans draw it), so a label laid out by this width
/// never runs past its box. Line boxes of CJK fonts reach <see cref="Ascent"/> above and <see cref="Descent"/> below the baseline.
/// </summary>
internal static class TextWidth
{
    /// <summary>How far a line box reaches above the baseline, in ems (Noto Sans CJK: 1.16).</summary>
    public const double Ascent = 1.2;

    /// <summary>How far a line box reaches below the baseline, in ems (Noto Sans CJK: 0.29).</summary>
    public const double Descent = 0.32;

    public const string Ellipsis = "…";

    public static double Of(string text, double fontSize)
    {
        double em = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            em += Em(rune.Value);
        }

        return em * fontSize;
    }

    /// <summary>The text itself when it fits <paramref name="maxWidth"/>, else its longest prefix that fits with an ellipsis.</summary>
    public static string Truncate(string text, double maxWidth, double fontSize)
    {
        if (Of(text, fontSize) <= maxWidth)
        {
            return text;
        }

        var budget = maxWidth - Of(Ellipsis, fontSize);
        var sb = new StringBuilder();
        double used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var w = Em(rune.Value) * fontSize;
            if (used + w > budget)
            {
                break;
            }

            used += w;
            sb.Append(rune.ToString());
        }

        return sb.ToString().TrimEnd() + Ellipsis;
    }

    private static double Em(int c) => c switch
    {
        < 0x20 => 0,
        ' ' => 0.34,
        '.' or ',' or ':' or ';' or '\'' or '|' or '!' or 'i' or 'l' or 'j' or 'I' or '(' or ')' or '[' or ']' => 0.42,
        >= '0' and <= '9' => 0.66,
        'M' or 'W' or 'm' or 'w' or '@' or '%' => 1.0,
        >= 'A' and <= 'Z' => 0.78,
        < 0x80 => 0.64,
        < 0x1100 => 0.8,
        _ => 1.0,
    };
}
