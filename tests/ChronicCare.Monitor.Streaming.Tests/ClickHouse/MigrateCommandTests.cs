using System.Net.Http;
using ChronicCare.Monitor.Streaming.Tests.Integration;
using ChronicCare.Monitor.Streaming.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Streaming.Tests.ClickHouse;

/// <summary><c>chroniccare migrate</c>, docker-compose's one-shot schema job, against a real clickhouse-server.</summary>
[Trait("Category", "Integration")]
[Collection(ChildProcesses.Name)]
public sealed class MigrateCommandTests : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly ClickHouseServer _server = new();

    [Fact]
    public async Task Migrate_FreshServerThenAgain_CreatesTheSchemaOnceAndChangesNothingAfter()
    {
        using (var first = CliProcess.Start("migrate", "--clickhouse", _server.Url.ToString()))
        {
            Assert.True(0 == first.WaitForExit(Minute), first.Errors);
            Assert.Contains("clickhouse chroniccare: migrated", first.Output, StringComparison.Ordinal);
        }

        var applied = await Query("SELECT count() FROM chroniccare.schema_migrations");
        Assert.True(long.Parse(applied, System.Globalization.CultureInfo.InvariantCulture) >= 3, applied);
        var tables = await Query("SELECT name FROM system.tables WHERE database = 'chroniccare' ORDER BY name");
        foreach (var table in new[] { "alerts", "actions", "decisions", "settlements", "facility_month", "patient_month" })
        {
            Assert.Contains(table, tables.Split('\n'));
        }

        using (var second = CliProcess.Start("migrate", "--clickhouse", _server.Url.ToString()))
        {
            Assert.True(0 == second.WaitForExit(Minute), second.Errors);
        }

        Assert.Equal(applied, await Query("SELECT count() FROM chroniccare.schema_migrations"));
    }

    [Fact]
    public void Migrate_NoServerThere_ExitsNonZeroWithOneLine()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        using var run = CliProcess.Start("migrate", "--clickhouse", url);
        Assert.Equal(1, run.WaitForExit(Minute));
        var line = Assert.Single(run.Errors.Trim().Split('\n'));
        Assert.StartsWith($"chroniccare: ClickHouse at {url} cannot be reached", line, StringComparison.Ordinal);
    }

    private async Task<string> Query(string sql)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(_server.Url, new StringContent(sql));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsStringAsync()).Trim();
    }

    public void Dispose() => _server.Dispose();
}
