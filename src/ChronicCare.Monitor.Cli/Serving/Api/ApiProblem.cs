using Microsoft.AspNetCore.Http;

namespace ChronicCare.Monitor.Cli.Serving.Api;

/// <summary>An API refusal: <c>application/problem+json</c> (RFC 9457) whose <c>detail</c> is the one-line reason.</summary>
internal static class ApiProblem
{
    public static IResult Of(int status, string reason) => Results.Problem(detail: reason.Split('\n')[0].TrimEnd(), statusCode: status);

    /// <summary>401 with the challenge a client needs to know how to authenticate.</summary>
    public static IResult Unauthorized(HttpContext context, string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"chroniccare\"";
        return Of(StatusCodes.Status401Unauthorized, reason);
    }
}
