using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChronicCare.Monitor.Cli.Serving;
using ChronicCare.Monitor.Sqlite;

namespace ChronicCare.Monitor.Cli.Tests.Serving;

/// <summary>A running <see cref="TriageServer"/> on a free loopback port over its own store copy, with an HTTP client and its log.</summary>
public sealed class ServeHost : IAsyncDisposable
{
    private readonly TriageServer _server;
    private readonly StringWriter _log;

    private readonly Telemetry.MonitorMeter _meter;

    internal ServeHost(TriageServer server, SqliteAnalyticsStore store, string storePath, StringWriter log, Telemetry.MonitorMeter meter)
    {
        _meter = meter;
        _server = server;
        Store = store;
        StorePath = storePath;
        _log = log;
        Client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = server.Address };
    }

    public Uri Address => _server.Address;

    internal SqliteAnalyticsStore Store { get; }

    public string StorePath { get; }

    public HttpClient Client { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task<HttpResponseMessage> GetAsync(string path, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        Authorize(request, key);
        return await Client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> PostAsync(string path, string? key, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        Authorize(request, key);
        return await Client.SendAsync(request);
    }

    /// <summary>The status and the JSON body of a call.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> ReadAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _server.DisposeAsync();
        await Store.DisposeAsync();
        _meter.Dispose();
        File.Delete(StorePath);
    }

    private static void Authorize(HttpRequestMessage request, string? key)
    {
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
    }
}
