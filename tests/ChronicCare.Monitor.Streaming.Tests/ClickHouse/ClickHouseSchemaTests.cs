using ChronicCare.Monitor.ClickHouse;
using ChronicCare.Monitor.Streaming.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Streaming.Tests.ClickHouse;

/// <summary>The analytics tables' DDL against a real clickhouse-server (Debian's 18.16).</summary>
[Trait("Category", "Integration")]
public sealed class ClickHouseSchemaTests(ClickHouseServer server) : IClassFixture<ClickHouseServer>
{
    [Fact]
    public async Task EnsureAsync_RunTwice_CreatesTheTablesOnceAndKeepsTheirRows()
    {
        using var http = server.Connect();
        var db = ClickHouseServer.NewDatabase();

        await ClickHouseSchema.EnsureAsync(http, db, CancellationToken.None);
        var output = new ClickHouseOutput(http, db);
        output.Alert(ClickHouseRecords.Alert("S0002"));
        await output.FlushAsync(CancellationToken.None);
        await ClickHouseSchema.EnsureAsync(http, db, CancellationToken.None);

        var tables = await http.QueryAsync($"SELECT name, engine FROM system.tables WHERE database = '{db}' ORDER BY name FORMAT TabSeparated", CancellationToken.None);
        Assert.Equal("actions\tReplacingMergeTree\nalerts\tReplacingMergeTree\n", tables);
        Assert.Single(await ClickHouseRecords.FinalRows(http, db, ClickHouseSchema.Alerts));
    }

    [Fact]
    public async Task EnsureAsync_ColumnTypes_AvoidWhat18Point16Lacks()
    {
        using var http = server.Connect();
        var db = ClickHouseServer.NewDatabase();

        await ClickHouseSchema.EnsureAsync(http, db, CancellationToken.None);

        // No DateTime64 or LowCardinality; times in UTC so reads do not depend on the server's zone.
        var types = await http.QueryAsync($"SELECT DISTINCT type FROM system.columns WHERE database = '{db}' ORDER BY type FORMAT TabSeparatedRaw", CancellationToken.None);
        Assert.Equal(
            ["Array(String)", "DateTime('UTC')", "Nullable(DateTime('UTC'))", "Nullable(Float64)", "Nullable(String)", "String", "UInt64", "UInt8"],
            types.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Statements_DatabaseNameNotAnIdentifier_Throws()
    {
        Assert.Throws<ArgumentException>(() => ClickHouseSchema.Statements("x; DROP DATABASE system"));
        Assert.Throws<ArgumentException>(() => ClickHouseSchema.Table("1abc", ClickHouseSchema.Alerts));
    }
}
