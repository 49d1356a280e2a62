using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChronicCare.Monitor.Cli.Tests.Serving;

/// <summary>
/// Headless Chromium driven over WebDriver (W3C, JSON over HTTP) by Debian's chromedriver (<c>chromium-driver</c>,
/// installed by <c>scripts/stack.sh install --report</c>): a fresh profile, no sandbox (containers), no GPU. Only the
/// few commands the triage page's test needs.
/// </summary>
internal sealed class ChromeDriver : IAsyncDisposable
{
    public const string DriverPath = "/usr/bin/chromedriver";
    private const string ElementKey = "element-6066-11e4-a52e-4f735466cecf";

    private readonly Process _driver;
    private readonly HttpClient _http;
    private readonly DirectoryInfo _profile;
    private string _session = "";

    private ChromeDriver(Process driver, HttpClient http, DirectoryInfo profile)
    {
        _driver = driver;
        _http = http;
        _profile = profile;
    }

    /// <summary>Starts chromedriver and a browser session; fails with what to install when either program is missing (never skipped).</summary>
    public static async Task<ChromeDriver> StartAsync(int width, int height)
    {
        foreach (var (path, package) in new[] { (DriverPath, "chromium-driver"), (Reporting.Tests.Support.Chromium.Path, "chromium") })
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"{path} is missing: the triage page's browser test needs Debian's {package} (scripts/stack.sh install --report)");
            }
        }

        var port = FreePort();
        var start = new ProcessStartInfo(DriverPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add($"--port={port}");
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start chromedriver");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var driver = new ChromeDriver(process, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) },
            Directory.CreateTempSubdirectory("chroniccare-webdriver-"));
        try
        {
            await driver.WaitReadyAsync();
            var session = await driver.CallAsync(HttpMethod.Post, "session", new JsonObject
            {
                ["capabilities"] = new JsonObject
                {
                    ["alwaysMatch"] = new JsonObject
                    {
                        ["browserName"] = "chrome",
                        ["goog:chromeOptions"] = new JsonObject
                        {
                            ["binary"] = Reporting.Tests.Support.Chromium.Path,
                            ["args"] = new JsonArray(
                                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
                                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                                $"--user-data-dir={driver._profile.FullName}", $"--window-size={width},{height}"),
                        },
                    },
                },
            });
            driver._session = session?["sessionId"]?.GetValue<string>() ?? throw new InvalidOperationException("chromedriver returned no session id");
            return driver;
        }
        catch
        {
            await driver.DisposeAsync();
            throw;
        }
    }

    public Task GoAsync(string url) => CallAsync(HttpMethod.Post, $"session/{_session}/url", new JsonObject { ["url"] = url });

    public async Task<string> UrlAsync() => (await CallAsync(HttpMethod.Get, $"session/{_session}/url"))!.GetValue<string>();

    public async Task ClickAsync(string css) => await CallAsync(HttpMethod.Post, $"session/{_session}/element/{await FindAsync(css)}/click", new JsonObject());

    public async Task TypeAsync(string css, string text) =>
        await CallAsync(HttpMethod.Post, $"session/{_session}/element/{await FindAsync(css)}/value", new JsonObject { ["text"] = text });

    public async Task<string?> AttributeAsync(string css, string name) =>
        (await CallAsync(HttpMethod.Get, $"session/{_session}/element/{await FindAsync(css)}/attribute/{name}"))?.GetValue<string>();

    public async Task<string> TextAsync(string css) => (await CallAsync(HttpMethod.Get, $"session/{_session}/element/{await FindAsync(css)}/text"))!.GetValue<string>();

    public async Task<bool> ExistsAsync(string css) =>
        (await CallAsync(HttpMethod.Post, $"session/{_session}/elements", new JsonObject { ["using"] = "css selector", ["value"] = css }))!.AsArray().Count > 0;

    /// <summary>
    /// Waits until an element matching <paramref name="css"/> is on the page: a click that submits a form may return
    /// before the next page has loaded.
    /// </summary>
    public async Task WaitForAsync(string css)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await ExistsAsync(css))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no '{css}' after 10 s on {await UrlAsync()}");
    }

    /// <summary>A PNG of the whole page, beyond the window (Chromium's own capture, through chromedriver's DevTools passthrough).</summary>
    public async Task<byte[]> ScreenshotAsync()
    {
        var size = (await CallAsync(HttpMethod.Post, $"session/{_session}/execute/sync", new JsonObject
        {
            ["script"] = "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight];",
            ["args"] = new JsonArray(),
        }))!.AsArray();
        var shot = await CallAsync(HttpMethod.Post, $"session/{_session}/goog/cdp/execute", new JsonObject
        {
            ["cmd"] = "Page.captureScreenshot",
            ["params"] = new JsonObject
            {
                ["format"] = "png",
                ["captureBeyondViewport"] = true,
                ["clip"] = new JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = size[0]!.GetValue<int>(), ["height"] = size[1]!.GetValue<int>(), ["scale"] = 1 },
            },
        });
        return Convert.FromBase64String(shot!["data"]!.GetValue<string>());
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_session.Length > 0)
            {
                await CallAsync(HttpMethod.Delete, $"session/{_session}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            // The driver is stopped below either way.
        }

        if (!_driver.HasExited)
        {
            _driver.Kill(entireProcessTree: true);
            await _driver.WaitForExitAsync();
        }

        _driver.Dispose();
        _http.Dispose();
        _profile.Delete(recursive: true);
    }

    private async Task<string> FindAsync(string css)
    {
        var element = await CallAsync(HttpMethod.Post, $"session/{_session}/element", new JsonObject { ["using"] = "css selector", ["value"] = css });
        return element![ElementKey]!.GetValue<string>();
    }

    /// <summary>One WebDriver command: its <c>value</c>, or an exception carrying the driver's error and message.</summary>
    private async Task<JsonNode?> CallAsync(HttpMethod method, string path, JsonObject? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        var value = json?["value"];
        if (!response.IsSuccessStatusCode || value is JsonObject o && o["error"] is { } error)
        {
            throw new InvalidOperationException($"webdriver {method} {path}: {(value?["error"] ?? (JsonNode?)response.StatusCode.ToString())}: {value?["message"]?.ToString().Split('\n')[0]}");
        }

        return value;
    }

    private async Task WaitReadyAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var response = await _http.GetAsync("status");
                if (response.IsSuccessStatusCode && JsonNode.Parse(await response.Content.ReadAsStringAsync())?["value"]?["ready"]?.GetValue<bool>() == true)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("chromedriver did not become ready in 10 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
