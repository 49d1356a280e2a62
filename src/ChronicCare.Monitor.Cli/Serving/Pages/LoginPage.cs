namespace ChronicCare.Monitor.Cli.Serving.Pages;

/// <summary>
/// The log-in form: the API key, posted once and then kept in an HttpOnly, SameSite=Strict cookie (never shown again,
/// never readable by script). <paramref name="returnTo"/> is the page asked for (a dashboard link), checked to be ours.
/// </summary>
internal static class LoginPage
{
    public static string Render(FormToken token, string? returnTo, string? error) => PageLayout.Document("登录 Log in", null, null, $"""
        <h2>登录 <small>Log in</small></h2>
        {(error is null ? "" : $"<p class=\"error\" id=\"error\">{Html.E(error)}</p>")}
        <form class="decide" method="post" action="{ServeRoutes.Page}/login" id="login">
          {Html.Token(token)}
          <input type="hidden" name="return" value="{Html.E(SafeReturn(returnTo))}">
          <label>API 密钥 <small>API key</small>
            <input type="password" name="key" id="key" autocomplete="off" required></label>
          <div class="buttons"><button type="submit" id="login-button">登录 <small>Log in</small></button></div>
          <p class="note">密钥由管理员在 api-keys.json 中按 SHA-256 配置；角色：查看 viewer、审核 reviewer、主管 supervisor。
          Keys are configured by their SHA-256 in api-keys.json; roles: viewer, reviewer, supervisor.</p>
        </form>
        """);

    /// <summary>A path of this page (never another site, never <c>//host</c>), else the list.</summary>
    public static string SafeReturn(string? returnTo) =>
        returnTo is { Length: > 0 and <= 2000 } r && (r == ServeRoutes.Page || r.StartsWith(ServeRoutes.Page + "/", StringComparison.Ordinal)
            || r.StartsWith(ServeRoutes.Page + "?", StringComparison.Ordinal)) && r.All(c => c is > ' ' and < '\x7f' and not '\\')
            ? r
            : ServeRoutes.Page;
}
