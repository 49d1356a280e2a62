using ChronicCare.Monitor.Cli.Serving.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChronicCare.Monitor.Cli.Serving.Api;

/// <summary>The role an API endpoint needs: 401 without a known key, 403 when the key's role is below it.</summary>
internal static class ApiAuthorization
{
    public static RouteHandlerBuilder RequireRole(this RouteHandlerBuilder endpoint, ServeRole role) => endpoint.AddEndpointFilter(async (context, next) =>
    {
        var http = context.HttpContext;
        if (Caller.Of(http) is not { } caller)
        {
            return ApiProblem.Unauthorized(http, KeyAuthentication.Unauthenticated(http));
        }

        return caller.May(role)
            ? await next(context).ConfigureAwait(false)
            : ApiProblem.Of(StatusCodes.Status403Forbidden, $"this needs the {ServeRoles.Name(role)} role; the key of '{caller.User}' has the {ServeRoles.Name(caller.Role)} role");
    });
}
