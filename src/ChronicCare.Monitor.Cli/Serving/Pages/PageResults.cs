using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace ChronicCare.Monitor.Cli.Serving.Pages;

/// <summary>How the page answers: HTML with a status, 303 after a successful form (so a reload does not post again), and form tokens.</summary>
internal static class PageResults
{
    public static IResult Html(int status, string html) => Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);

    /// <summary>303 See Other: the browser follows with a GET (post/redirect/get).</summary>
    public static IResult SeeOther(HttpContext http, string location)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.Location = location;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>A fresh antiforgery request token for the page's forms (its cookie half is set on the response).</summary>
    public static FormToken Token(IAntiforgery antiforgery, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(antiforgery);
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new FormToken(tokens.FormFieldName, tokens.RequestToken ?? "");
    }
}
