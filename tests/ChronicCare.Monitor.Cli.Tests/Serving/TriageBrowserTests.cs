using System.Net;
using ChronicCare.Monitor.Cli.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Cli.Tests.Serving;

/// <summary>
/// The triage page in headless Chromium: a reviewer logs in with a key, opens an over-prescribing alert from the list,
/// confirms it with a note, and sees the sanction ladder move (the patient's second confirmed incident: SELF_PAY
/// pending; after <c>detect --store</c>, in force). With CHRONICCARE_WRITE_DOCS=1 the page as the reviewer then sees
/// it is saved as docs/triage/triage-page.png.
/// </summary>
[Collection(ServeCollection.Name)]
public sealed class TriageBrowserTests(ServeWorld world)
{
    private const int Width = 1280;

    [Fact]
    public async Task TriagePage_ReviewerConfirmsTheSecondIncident_TheLadderMovesToSelfPay()
    {
        await using var host = await world.StartAsync();

        // The patient's first incident (1 March) was confirmed earlier, through the API.
        var (first, _) = await ServeHost.ReadAsync(host.PostAsync("/api/alerts/R02:S1/decision", TestKeys.Reviewer, """{"decision":"confirm","note":"第一次违规，病历核实"}"""));
        Assert.Equal(HttpStatusCode.OK, first);

        await using var browser = await ChromeDriver.StartAsync(Width, 1000);
        await browser.GoAsync(new Uri(host.Address, "triage").ToString());
        await browser.TypeAsync("#key", TestKeys.Reviewer);
        await browser.ClickAsync("#login-button");
        await browser.WaitForAsync("#alerts");
        Assert.Equal(new Uri(host.Address, "triage").ToString(), await browser.UrlAsync());
        Assert.Contains("reviewer.demo", await browser.TextAsync("#who"), StringComparison.Ordinal);

        await browser.ClickAsync("tr[data-alert='R02:S2'] a");
        await browser.WaitForAsync("#alert[data-alert='R02:S2']");
        Assert.Equal("1", await browser.AttributeAsync("#confirmed-incidents", "data-count"));
        Assert.Equal("not_reached", await browser.AttributeAsync("li[data-rung='SELF_PAY']", "data-state"));

        await browser.TypeAsync("#note", "第二次违规：超量开药属实 second incident, records checked");
        await browser.ClickAsync("#confirm");
        await browser.WaitForAsync("#flash");

        Assert.EndsWith("/triage/alerts/R02%3AS2?done=confirm", await browser.UrlAsync(), StringComparison.Ordinal);
        Assert.Contains("Confirmed", await browser.TextAsync("#flash"), StringComparison.Ordinal);
        Assert.Equal("2", await browser.AttributeAsync("#confirmed-incidents", "data-count"));
        Assert.Equal("pending", await browser.AttributeAsync("li[data-rung='SELF_PAY']", "data-state"));
        Assert.Contains("SELF_PAY:P0001:20260415", await browser.TextAsync("#pending tr[data-action='SELF_PAY']"), StringComparison.Ordinal);
        Assert.Contains("超量开药属实", await browser.TextAsync("#audit"), StringComparison.Ordinal);
        var png = await browser.ScreenshotAsync();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        if (Environment.GetEnvironmentVariable("CHRONICCARE_WRITE_DOCS") == "1")
        {
            var docs = Directory.CreateDirectory(Path.Combine(Paths.Repo, "docs", "triage"));
            await File.WriteAllBytesAsync(Path.Combine(docs.FullName, "triage-page.png"), png);
        }

        // detect --store reads the decisions back and applies the ladder: on reload the sanction is in force.
        var detect = CliRun.Of("detect", "--reference", Paths.Examples, "--events", world.Events, "--out", host.StorePath + ".out", "--store", host.StorePath, "--quiet", "--model", "none");
        Assert.Equal(0, detect.ExitCode);
        Directory.Delete(host.StorePath + ".out", recursive: true);
        await browser.GoAsync(new Uri(host.Address, "triage/alerts/R02%3AS2").ToString());
        Assert.Equal("in_force", await browser.AttributeAsync("li[data-rung='SELF_PAY']", "data-state"));
        Assert.False(await browser.ExistsAsync("#pending"));
    }

    [Fact]
    public async Task AlertPage_LinkFromAnotherSite_OpensLoggedInDespiteTheStrictCookie()
    {
        // As the dashboard links to /triage/alerts/${alert_id}: a page of another site (here a data: URL).
        await using var browser = await ChromeDriver.StartAsync(Width, 900);
        var alert = new Uri(world.Shared.Address, "triage/alerts/R05%3AS0003").ToString();
        await browser.GoAsync(new Uri(world.Shared.Address, "triage").ToString());
        await browser.TypeAsync("#key", TestKeys.Viewer);
        await browser.ClickAsync("#login-button");
        await browser.WaitForAsync("#alerts");

        await browser.GoAsync($"data:text/html,<a id=\"go\" href=\"{alert}\">dashboard link</a>");
        await browser.ClickAsync("#go");
        await browser.WaitForAsync("#alert, #login");

        Assert.True(await browser.ExistsAsync("#alert[data-alert='R05:S0003']"), "the alert page, not the log-in form: " + await browser.UrlAsync());
        Assert.Contains("viewer.demo", await browser.TextAsync("#who"), StringComparison.Ordinal);
    }
}
