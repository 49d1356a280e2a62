using System.Net;
using System.Text.RegularExpressions;

namespace ChronicCare.Monitor.Cli.Tests.Serving;

/// <summary>A browser-like client of the triage page over HTTP: keeps cookies, does not follow redirects, reads form tokens.</summary>
internal sealed partial class PageSession : IDisposable
{
    private readonly HttpClient _client;

    public PageSession(Uri address)
    {
        Cookies = new CookieContainer();
        _client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = address };
    }

    public CookieContainer Cookies { get; }

    /// <summary>The antiforgery token of the last page read.</summary>
    public string? Token { get; private set; }

    public async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> GetAsync(string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await SendAsync(request);
    }

    /// <summary>Posts a form; the page's antiforgery token goes with it unless <paramref name="withToken"/> is false.</summary>
    public async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> PostAsync(string path, bool withToken, params (string Name, string Value)[] fields)
    {
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (withToken && Token is not null)
        {
            form.Add(new("__af", Token));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        return await SendAsync(request);
    }

    /// <summary>Opens the log-in form and posts the key; the answer is the 303 (or the refusal).</summary>
    public async Task<HttpResponseMessage> LogInAsync(string key, string returnTo = "/triage")
    {
        await GetAsync("/triage");
        return (await PostAsync("/triage/login", true, ("key", key), ("return", returnTo))).Response;
    }

    public void Dispose() => _client.Dispose();

    private async Task<(HttpStatusCode, string, HttpResponseMessage)> SendAsync(HttpRequestMessage request)
    {
        var response = await _client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        if (TokenPattern().Match(html) is { Success: true } m)
        {
            Token = WebUtility.HtmlDecode(m.Groups[1].Value);
        }

        return (response.StatusCode, html, response);
    }

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
