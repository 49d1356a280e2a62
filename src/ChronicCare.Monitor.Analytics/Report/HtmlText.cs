using System.Text;

namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>
/// Escapes text for HTML (and XML: the report is XHTML-compatible): <c>&amp; &lt; &gt; " '</c>, and characters XML
/// forbids (controls, lone surrogates) become U+FFFD, so no name from the data can break the markup.
/// </summary>
internal static class HtmlText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            };
            if (replacement is null && !IsXmlChar(text, i))
            {
                replacement = "\uFFFD";
            }

            if (replacement is null && char.IsHighSurrogate(c))
            {
                // a valid pair: keep both halves
                sb?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (replacement is null)
            {
                sb?.Append(c);
                continue;
            }

            (sb ??= new StringBuilder(text, 0, i, text.Length + 16)).Append(replacement);
        }

        return sb?.ToString() ?? text;
    }

    private static bool IsXmlChar(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return false;
        }

        return c is '\t' or '\n' or '\r' || (c >= 0x20 && c != '\uFFFE' && c != '\uFFFF');
    }
}
