using System.Net;

namespace ChronicCare.Monitor.Cli.Serving.Pages;

/// <summary>Text into HTML: every value from the store or the request goes through <see cref="E"/> (<c>&amp; &lt; &gt; " '</c>).</summary>
internal static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A bilingual label: the Chinese, then the English in a small (the report's convention).</summary>
    public static string Label(string zh, string en) => $"{E(zh)} <small>{E(en)}</small>";

    /// <summary>A link to an alert's page.</summary>
    public static string AlertLink(string alertId) => $"<a href=\"{E(ServeRoutes.AlertPage(alertId))}\">{E(alertId)}</a>";

    /// <summary>The hidden field of the antiforgery token every form carries.</summary>
    public static string Token(FormToken token) => $"<input type=\"hidden\" name=\"{E(token.Field)}\" value=\"{E(token.Value)}\">";
}

/// <summary>An antiforgery request token and the form field it goes in.</summary>
internal sealed record FormToken(string Field, string Value);
