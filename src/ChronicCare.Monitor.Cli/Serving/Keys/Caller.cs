using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace ChronicCare.Monitor.Cli.Serving.Keys;

/// <summary>
/// Who made a request: the user its key belongs to and the key's role. Carried as the request's
/// <see cref="HttpContext.User"/>, so ASP.NET Core's antiforgery tokens are bound to the user too.
/// </summary>
internal sealed record Caller(string User, ServeRole Role)
{
    private const string AuthenticationType = "chroniccare-key";

    public bool May(ServeRole needed) => Role >= needed;

    public ClaimsPrincipal ToPrincipal() => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, User), new Claim(ClaimTypes.Name, User), new Claim(ClaimTypes.Role, ServeRoles.Name(Role))],
        AuthenticationType));

    /// <summary>The caller a key authenticated for this request, or null.</summary>
    public static Caller? Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var identity = context.User.Identity;
        if (identity is not { IsAuthenticated: true, AuthenticationType: AuthenticationType })
        {
            return null;
        }

        var user = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var role = ServeRoles.Parse(context.User.FindFirstValue(ClaimTypes.Role));
        return user is null || role is null ? null : new Caller(user, role.Value);
    }
}
