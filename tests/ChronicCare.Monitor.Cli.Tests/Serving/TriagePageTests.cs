using System.Net;
using Xunit;

namespace ChronicCare.Monitor.Cli.Tests.Serving;

/// <summary>
/// The triage page over plain HTTP: the log-in keeps the key in an HttpOnly, SameSite=Strict cookie; what each role
/// sees; forms need their antiforgery token; a dashboard link from another site still lands logged in.
/// </summary>
[Collection(ServeCollection.Name)]
public sealed class TriagePageTests(ServeWorld world)
{
    [Fact]
    public async Task Triage_NotLoggedIn_401LogInFormWithAntiforgeryToken()
    {
        using var page = new PageSession(world.Shared.Address);

        var (status, html, response) = await page.GetAsync("/triage/alerts/R02:S1");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("id=\"login\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"return\" value=\"/triage/alerts/R02:S1\"", html, StringComparison.Ordinal);
        Assert.NotNull(page.Token);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task LogIn_KnownKey_303BackWithHttpOnlyStrictCookie()
    {
        using var page = new PageSession(world.Shared.Address);

        using var response = await page.LogInAsync(TestKeys.Reviewer, "/triage/alerts/R02:S1");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/triage/alerts/R02:S1", response.Headers.Location?.ToString());
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("chroniccare_key=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/triage", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/triage")]
    [InlineData("/api/alerts")]
    public async Task LogIn_ReturnElsewhere_GoesToTheList(string returnTo)
    {
        using var page = new PageSession(world.Shared.Address);

        using var response = await page.LogInAsync(TestKeys.Viewer, returnTo);

        Assert.Equal("/triage", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task LogIn_UnknownKeyOrNoToken_Refused()
    {
        using var page = new PageSession(world.Shared.Address);

        using var unknown = await page.LogInAsync(TestKeys.Unknown);
        var (noToken, _, _) = await page.PostAsync("/triage/login", false, ("key", TestKeys.Reviewer));

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noToken);
        Assert.DoesNotContain(page.Cookies.GetCookies(world.Shared.Address), c => c.Name == "chroniccare_key");
    }

    [Theory]
    [InlineData(TestKeys.Viewer, false, false, false)]
    [InlineData(TestKeys.Reviewer, true, false, false)]
    [InlineData(TestKeys.Supervisor, true, true, true)]
    public async Task AlertPage_EachRole_SeesTheFormsItMayUse(string key, bool decide, bool finding, bool reinstate)
    {
        using var page = new PageSession(world.Shared.Address);
        (await page.LogInAsync(key)).Dispose();

        var (status, html, _) = await page.GetAsync("/triage/alerts/R02:S1");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-rung=\"SELF_PAY\" data-state=\"not_reached\"", html, StringComparison.Ordinal);
        Assert.Contains("<dt>limit_days</dt><dd><span class=\"key\">30</span></dd>", html, StringComparison.Ordinal);
        Assert.Contains("<th class=\"key\">days_supply</th>", html, StringComparison.Ordinal);
        Assert.Equal(decide, html.Contains("id=\"decide\"", StringComparison.Ordinal));
        Assert.Equal(finding, html.Contains("id=\"finding\"", StringComparison.Ordinal));
        Assert.Equal(reinstate, html.Contains("/reinstate\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_LoggedIn_OpenAlertsWithFilters()
    {
        using var page = new PageSession(world.Shared.Address);
        (await page.LogInAsync(TestKeys.Viewer)).Dispose();

        var (status, html, _) = await page.GetAsync("/triage?rule=R02");
        var (bad, error, _) = await page.GetAsync("/triage?limit=0");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-alert=\"R02:S2\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-alert=\"R02:W1\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-alert=\"R05:S0003\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("limit: expected 1..1000", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecisionForm_WithoutToken_400AndNothingRecorded()
    {
        await using var host = await world.StartAsync();
        using var page = new PageSession(host.Address);
        (await page.LogInAsync(TestKeys.Reviewer)).Dispose();

        var (status, html, _) = await page.PostAsync("/triage/alerts/R02:S1/decision", false, ("decision", "confirm"), ("note", "x"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("表单已失效", html, StringComparison.Ordinal);
        Assert.Empty(await host.Store.DecisionsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task DecisionForm_Viewer_403OnTheAlertPageAndNothingRecorded()
    {
        await using var host = await world.StartAsync();
        using var page = new PageSession(host.Address);
        (await page.LogInAsync(TestKeys.Viewer)).Dispose();
        await page.GetAsync("/triage/alerts/R02:S1");

        var (status, html, _) = await page.PostAsync("/triage/alerts/R02:S1/decision", true, ("decision", "confirm"), ("note", "x"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("needs the reviewer role", html, StringComparison.Ordinal);
        Assert.Empty(await host.Store.DecisionsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReinstateForm_Supervisor_RecordedAndBackOnTheAlert()
    {
        await using var host = await world.StartAsync();
        using var page = new PageSession(host.Address);
        (await page.LogInAsync(TestKeys.Supervisor)).Dispose();
        await page.GetAsync("/triage/alerts/R02:S1");

        var (status, _, response) = await page.PostAsync("/triage/actions/WARNING%3AP0001%3A20260301/reinstate", true, ("note", "复核撤销"), ("alert", "R02:S1"));
        var (_, after, _) = await page.GetAsync(response.Headers.Location!.ToString());

        Assert.Equal(HttpStatusCode.SeeOther, status);
        Assert.Equal("/triage/alerts/R02%3AS1?done=reinstate", response.Headers.Location!.ToString());
        Assert.Contains("恢复待执行 reinstatement pending", after, StringComparison.Ordinal);
        Assert.Equal("supervisor.demo", Assert.Single(await host.Store.DecisionsAsync(CancellationToken.None)).DecidedBy);
    }

    [Fact]
    public async Task AlertPage_LinkFromAnotherSite_ReloadsFromThisSiteInsteadOfAskingToLogIn()
    {
        using var page = new PageSession(world.Shared.Address);

        var (status, html, _) = await page.GetAsync("/triage/alerts/R02:S1?x=1", ("Sec-Fetch-Site", "cross-site"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"0;url=/triage/alerts/R02:S1?x=1\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertPage_UnknownAlert_404()
    {
        using var page = new PageSession(world.Shared.Address);
        (await page.LogInAsync(TestKeys.Viewer)).Dispose();

        var (status, html, _) = await page.GetAsync("/triage/alerts/R02:NOPE");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("R02:NOPE", html, StringComparison.Ordinal);
    }
}
