using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChronicCare.Monitor.Telemetry;

namespace ChronicCare.Monitor.ClickHouse;

/// <summary>
/// ClickHouse's HTTP interface through a plain <see cref="HttpClient"/>. Every statement is POSTed (a GET is
/// read-only there); a non-2xx answer becomes a <see cref="ClickHouseException"/> carrying ClickHouse's first error
/// line, and so do a timeout and a refused connection, so callers handle one exception type.
/// </summary>
public sealed class ClickHouseHttp : IDisposable
{
    // As URL parameters, where 18.16 and current versions alike read them for an INSERT over HTTP. best_effort parses
    // the contract's ISO-8601 timestamps with offsets; skipping unknown fields lets rows carry a field a table lacks.
    private const string InsertSettings = "date_time_input_format=best_effort&input_format_skip_unknown_fields=1";

    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;

    public ClickHouseHttp(Uri endpoint, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        Endpoint = endpoint;
        _timeout = timeout;

        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = timeout,

            // ClickHouse closes an idle keep-alive connection after 3 s (keep_alive_timeout); dropping ours sooner
            // keeps a commit after a quiet spell from being sent on a connection the server is closing.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2),
        };

        // HttpClient's own timeout would surface as a bare TaskCanceledException; ours names the server.
        _client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    public Uri Endpoint { get; }

    /// <summary>Where each call's duration is recorded (store <c>clickhouse</c>, operation insert, query or execute); null = not measured.</summary>
    public MonitorMeter? Metrics { get; init; }

    /// <summary>Scheme, host and port only: the URL's query may hold a password.</summary>
    public string Server => Endpoint.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);

    /// <summary>A statement without a result (DDL).</summary>
    public async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        using var content = new StringContent(sql, Encoding.UTF8);
        await SendAsync(RequestUri(null), content, "execute", ct).ConfigureAwait(false);
    }

    /// <summary>A query; the answer's body as text (the query names its FORMAT).</summary>
    public async Task<string> QueryAsync(string sql, CancellationToken ct)
    {
        using var content = new StringContent(sql, Encoding.UTF8);
        return await SendAsync(RequestUri(null), content, "query", ct).ConfigureAwait(false);
    }

    /// <summary>One INSERT of <paramref name="rows"/>: JSON objects, one a line (JSONEachRow).</summary>
    public async Task InsertAsync(string table, ReadOnlyMemory<byte> rows, CancellationToken ct)
    {
        var query = Uri.EscapeDataString($"INSERT INTO {table} FORMAT JSONEachRow");
        using var content = new ReadOnlyMemoryContent(rows);
        await SendAsync(RequestUri($"query={query}&{InsertSettings}"), content, "insert", ct).ConfigureAwait(false);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>The endpoint with <paramref name="parameters"/> added to whatever query it has (user, password).</summary>
    private Uri RequestUri(string? parameters)
    {
        var existing = Endpoint.Query.TrimStart('?');
        var query = (existing.Length, parameters) switch
        {
            (_, null) => existing,
            (0, _) => parameters,
            _ => $"{existing}&{parameters}",
        };
        return new UriBuilder(Endpoint) { Query = query }.Uri;
    }

    private async Task<string> SendAsync(Uri uri, HttpContent content, string operation, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await SendTimedAsync(uri, content, ct).ConfigureAwait(false);
        }
        finally
        {
            // Failures too: a timeout shows as a call as long as the timeout.
            Metrics?.StoreCall("clickhouse", operation, Stopwatch.GetElapsedTime(start));
        }
    }

    private async Task<string> SendTimedAsync(Uri uri, HttpContent content, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                throw new ClickHouseException(FirstLine(body) ?? $"ClickHouse at {Server} answered HTTP {status.ToString(CultureInfo.InvariantCulture)}", response.StatusCode);
            }

            return body;
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new ClickHouseException($"ClickHouse at {Server} did not answer within {_timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s", e);
        }
        catch (HttpRequestException e)
        {
            throw new ClickHouseException($"ClickHouse at {Server} cannot be reached: {e.Message}", e);
        }
        catch (IOException e)
        {
            // The connection broke while the answer was read (HttpIOException).
            throw new ClickHouseException($"ClickHouse at {Server} broke the connection: {e.Message}", e);
        }
    }

    /// <summary>
    /// ClickHouse's first error line, cut before any echo of the data it could not parse (rows carry patient ids,
    /// and this text reaches log lines): what remains names the error, not the row.
    /// </summary>
    private static string? FirstLine(string body)
    {
        var line = body.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        if (line is null)
        {
            return null;
        }

        var cut = new[] { "{", " before: ", "Row ", "parsed text", "(at row" }
            .Select(marker => line.IndexOf(marker, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(line.Length).Min();
        line = line[..cut].TrimEnd(' ', ':', ',');
        return line.Length > 240 ? line[..240] : line;
    }
}
