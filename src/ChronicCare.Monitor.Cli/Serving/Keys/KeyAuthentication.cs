using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ChronicCare.Monitor.Cli.Serving.Keys;

/// <summary>
/// Authenticates each request by its key: the API by <c>Authorization: Bearer KEY</c> or <c>X-Api-Key: KEY</c>, the
/// triage page by its HttpOnly cookie only. The API never reads the cookie, so a page in another site cannot make a
/// browser call the API with a reviewer's key (no CSRF on the API); the page's forms carry antiforgery tokens.
/// The key itself is never stored, logged or echoed: only the caller it maps to goes on.
/// </summary>
internal static class KeyAuthentication
{
    public const string ApiKeyHeader = "X-Api-Key";

    public const string CookieName = "chroniccare_key";

    private const string UnknownKeyItem = "chroniccare.unknown-key";

    /// <summary>Sets <see cref="HttpContext.User"/> when the request carries a known key; marks one that is not.</summary>
    public static RequestDelegate Middleware(ApiKeyRing ring, RequestDelegate next) => context =>
    {
        // Routing ignores case, so must this: /API/alerts is the API too.
        var presented = context.Request.Path.StartsWithSegments(ServeRoutes.Api, StringComparison.OrdinalIgnoreCase) ? FromHeaders(context.Request)
            : context.Request.Path.StartsWithSegments(ServeRoutes.Page, StringComparison.OrdinalIgnoreCase) ? context.Request.Cookies[CookieName]
            : null;
        if (presented is not null)
        {
            if (ring.Find(presented) is { } caller)
            {
                context.User = caller.ToPrincipal();
            }
            else
            {
                context.Items[UnknownKeyItem] = true;
            }
        }

        return next(context);
    };

    /// <summary>Why the request has no caller: one line for the 401 body.</summary>
    public static string Unauthenticated(HttpContext context) => context.Items.ContainsKey(UnknownKeyItem)
        ? "the API key is not known (keys are configured by their SHA-256 in the keys file)"
        : "no API key: send Authorization: Bearer KEY or X-Api-Key: KEY";

    private static string? FromHeaders(HttpRequest request)
    {
        if (request.Headers.TryGetValue(ApiKeyHeader, out var key) && key.Count == 1 && !StringValues.IsNullOrEmpty(key))
        {
            return key[0];
        }

        var authorization = request.Headers.Authorization;
        if (authorization.Count != 1 || authorization[0] is not { } value)
        {
            return null;
        }

        // Another scheme (Basic, ...) is a key this server does not know, not a missing one.
        return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value["Bearer ".Length..].Trim() : value;
    }
}
