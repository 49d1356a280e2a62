using ChronicCare.Monitor.Cli.Serving.Keys;
using ChronicCare.Monitor.Cli.Serving.Triage;
using ChronicCare.Monitor.Integrity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ChronicCare.Monitor.Cli.Serving.Pages;

/// <summary>
/// The server-rendered triage page: log in with a key (kept in an HttpOnly, SameSite=Strict cookie), the alert list,
/// one alert with its patient's integrity record, and the forms that confirm, dismiss and reinstate. Every form
/// carries an ASP.NET Core antiforgery token bound to the logged-in user; every write goes through
/// <see cref="TriageService"/>, like the API's.
/// </summary>
internal static class PageEndpoints
{
    public static void Map(IEndpointRouteBuilder app, TriageReads reads, TriageService triage, ApiKeyRing ring, IAntiforgery antiforgery)
    {
        var page = app.MapGroup(ServeRoutes.Page);

        page.MapGet("", async (HttpContext http, CancellationToken ct) =>
        {
            if (Caller.Of(http) is not { } caller)
            {
                return Unauthenticated(http, antiforgery);
            }

            var token = PageResults.Token(antiforgery, http);
            var regions = await reads.RegionsAsync(ct).ConfigureAwait(false);
            if (AlertFilter.Parse(http.Request.Query, AlertListPage.DefaultStatus, out var error) is not { } query)
            {
                return PageResults.Html(StatusCodes.Status400BadRequest, AlertListPage.Render(caller, token, null, null, regions, error));
            }

            var list = await reads.ListAsync(query, ct).ConfigureAwait(false);
            return PageResults.Html(StatusCodes.Status200OK, AlertListPage.Render(caller, token, query, list, regions, null));
        });

        page.MapPost("/login", async (HttpContext http, CancellationToken ct) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
            {
                return PageResults.Html(StatusCodes.Status400BadRequest, LoginPage.Render(PageResults.Token(antiforgery, http), null, Expired));
            }

            var form = await http.Request.ReadFormAsync(ct).ConfigureAwait(false);
            var returnTo = LoginPage.SafeReturn(form["return"].ToString());
            var key = form["key"].ToString();
            if (ring.Find(key) is null)
            {
                return PageResults.Html(StatusCodes.Status401Unauthorized, LoginPage.Render(PageResults.Token(antiforgery, http), returnTo, "密钥无效 Unknown key"));
            }

            http.Response.Cookies.Append(KeyAuthentication.CookieName, key, KeyCookie(http));
            return PageResults.SeeOther(http, returnTo);
        });

        page.MapPost("/logout", async (HttpContext http) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
            {
                return PageResults.Html(StatusCodes.Status400BadRequest, Message(null, null, Expired));
            }

            http.Response.Cookies.Delete(KeyAuthentication.CookieName, KeyCookie(http));
            return PageResults.SeeOther(http, ServeRoutes.Page);
        });

        page.MapGet("/alerts/{id}", async (string id, HttpContext http, CancellationToken ct) =>
        {
            if (Caller.Of(http) is not { } caller)
            {
                return Unauthenticated(http, antiforgery);
            }

            var token = PageResults.Token(antiforgery, http);
            return await reads.DetailAsync(id, ct).ConfigureAwait(false) is { } detail
                ? PageResults.Html(StatusCodes.Status200OK, AlertPage.Render(detail, caller, token, Flash(http.Request.Query["done"].ToString()), null))
                : PageResults.Html(StatusCodes.Status404NotFound, Message(caller, token, $"预警 {id} 不存在 Alert {id} is not in the analytics store"));
        });

        page.MapPost("/alerts/{id}/decision", async (string id, HttpContext http, CancellationToken ct) =>
        {
            if (await FormOfAsync(http, antiforgery, ct).ConfigureAwait(false) is not { } posted)
            {
                return Refusal(http, antiforgery);
            }

            var request = DecisionRequest.ForAlert(id, posted.Form["decision"].ToString(), posted.Form["finding"].ToString(), posted.Form["note"].ToString(), out var error);
            var result = request is null
                ? DecisionResult.Refused(StatusCodes.Status400BadRequest, error!)
                : await triage.DecideAsync(posted.Caller, request, ct).ConfigureAwait(false);
            return await AfterAsync(http, result, id, posted.Caller, ct).ConfigureAwait(false);
        });

        page.MapPost("/actions/{id}/reinstate", async (string id, HttpContext http, CancellationToken ct) =>
        {
            if (await FormOfAsync(http, antiforgery, ct).ConfigureAwait(false) is not { } posted)
            {
                return Refusal(http, antiforgery);
            }

            var request = DecisionRequest.ForAction(id, posted.Form["note"].ToString(), out var error);
            var result = request is null
                ? DecisionResult.Refused(StatusCodes.Status400BadRequest, error!)
                : await triage.DecideAsync(posted.Caller, request, ct).ConfigureAwait(false);
            return await AfterAsync(http, result, posted.Form["alert"].ToString(), posted.Caller, ct).ConfigureAwait(false);
        });

        // Back to the alert the form was on: its page shows the decision and where the ladder now stands.
        async Task<IResult> AfterAsync(HttpContext http, DecisionResult result, string alertId, Caller caller, CancellationToken ct)
        {
            if (result.Outcome is { } outcome)
            {
                var done = outcome.Repeat ? "repeat" : ReviewJson.VerdictName(outcome.Decision.Verdict);
                return PageResults.SeeOther(http, alertId.Length > 0 ? $"{ServeRoutes.AlertPage(alertId)}?done={done}" : ServeRoutes.Page);
            }

            var token = PageResults.Token(antiforgery, http);
            return alertId.Length > 0 && await reads.DetailAsync(alertId, ct).ConfigureAwait(false) is { } detail
                ? PageResults.Html(result.Status, AlertPage.Render(detail, caller, token, null, result.Reason))
                : PageResults.Html(result.Status, Message(caller, token, result.Reason!));
        }
    }

    private const string Expired = "表单已失效，请重新打开页面 The form expired or did not come from this page: open the page again";

    /// <summary>The form of a logged-in user's POST with a valid antiforgery token, or null.</summary>
    private static async Task<(Caller Caller, IFormCollection Form)?> FormOfAsync(HttpContext http, IAntiforgery antiforgery, CancellationToken ct)
    {
        if (Caller.Of(http) is not { } caller || !await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
        {
            return null;
        }

        return (caller, await http.Request.ReadFormAsync(ct).ConfigureAwait(false));
    }

    private static IResult Refusal(HttpContext http, IAntiforgery antiforgery) => Caller.Of(http) is { } caller
        ? PageResults.Html(StatusCodes.Status400BadRequest, Message(caller, PageResults.Token(antiforgery, http), Expired))
        : PageResults.Html(StatusCodes.Status401Unauthorized, LoginPage.Render(PageResults.Token(antiforgery, http), null, Unknown(http)));

    /// <summary>
    /// Not logged in. A link from another site (the dashboard) arrives without the SameSite=Strict cookie even when the
    /// user is logged in: such a request gets a page that reloads the same address from this site, which carries it.
    /// Otherwise the log-in form, returning here afterwards.
    /// </summary>
    private static IResult Unauthenticated(HttpContext http, IAntiforgery antiforgery)
    {
        var here = http.Request.Path.ToUriComponent() + http.Request.QueryString.ToUriComponent();
        if (http.Request.Headers["Sec-Fetch-Site"] == "cross-site")
        {
            var url = Html.E(here);
            return PageResults.Html(StatusCodes.Status200OK,
                $"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url={url}\"><title>预警处置 Alert triage</title></head>"
                + $"<body><p><a href=\"{url}\">继续 Continue</a></p></body></html>");
        }

        return PageResults.Html(StatusCodes.Status401Unauthorized, LoginPage.Render(PageResults.Token(antiforgery, http), here, Unknown(http)));
    }

    private static string? Unknown(HttpContext http) =>
        http.Request.Cookies.ContainsKey(KeyAuthentication.CookieName) ? "密钥已失效，请重新登录 The key is no longer valid: log in again" : null;

    private static CookieOptions KeyCookie(HttpContext http) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = ServeRoutes.Page,
        IsEssential = true,
    };

    /// <summary>The confirmation after a decision; the value is one of a fixed set (never echoed from the request).</summary>
    private static string? Flash(string done) => done switch
    {
        "confirm" => "已确认，审核人与时间已记录。 Confirmed: recorded with your name and the time.",
        "dismiss" => "已排除，审核人与时间已记录。 Dismissed: recorded with your name and the time.",
        "reinstate" => "已恢复待遇，审核人与时间已记录。 Reinstated: recorded with your name and the time.",
        "repeat" => "该结论此前已记录，已再次发送。 This decision was already recorded: sent again.",
        _ => null,
    };

    private static string Message(Caller? caller, FormToken? token, string message) =>
        PageLayout.Document("预警处置 Alert triage", caller, token, $"<p class=\"error\" id=\"error\">{Html.E(message)}</p><p><a href=\"{ServeRoutes.Page}\">预警列表 Alerts</a></p>");
}
