using System.Text.Json;
using Polly;

namespace ChronicCare.Monitor.ClickHouse.Analytics;

/// <summary>
/// The analytics store's statements, each through the retry pipeline: a ClickHouse that restarts or drops a
/// connection costs a retry, not the batch. Every statement the store sends is idempotent (DDL with IF NOT EXISTS,
/// inserts into ReplacingMergeTree tables read with FINAL, a rollup refresh that swaps a whole month in), so a
/// retry after a statement that did take effect changes nothing.
/// </summary>
internal sealed class ClickHouseCalls(ClickHouseHttp http, ResiliencePipeline retry)
{
    public async Task ExecuteAsync(string sql, CancellationToken ct) =>
        await retry.ExecuteAsync(async token => await http.ExecuteAsync(sql, token).ConfigureAwait(false), ct).ConfigureAwait(false);

    public async Task InsertAsync(string table, ReadOnlyMemory<byte> rows, CancellationToken ct) =>
        await retry.ExecuteAsync(async token => await http.InsertAsync(table, rows, token).ConfigureAwait(false), ct).ConfigureAwait(false);

    /// <summary>
    /// A SELECT answered <c>FORMAT JSONEachRow</c> (appended here), each row mapped as it is parsed. ClickHouse quotes
    /// 64-bit integers in JSON; <see cref="JsonRow"/> reads both forms.
    /// </summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<JsonElement, T> map, CancellationToken ct)
    {
        var body = await retry.ExecuteAsync(async token => await http.QueryAsync(sql + "\nFORMAT JSONEachRow", token).ConfigureAwait(false), ct)
            .ConfigureAwait(false);
        var rows = new List<T>();
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            rows.Add(map(doc.RootElement));
        }

        return rows;
    }
}
