using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Analytics.Tests.Support;
using ChronicCare.Monitor.Sqlite;
using Microsoft.Data.Sqlite;
using Xunit;

namespace ChronicCare.Monitor.Analytics.Tests.Store;

/// <summary>The store contract against <see cref="SqliteAnalyticsStore"/>, one file per test; plus what only a file has.</summary>
public sealed class SqliteAnalyticsStoreTests : AnalyticsStoreContractTests, IDisposable
{
    private readonly TempDirectory _dir = new();

    protected override IReadOnlyList<string> ExpectedMigrations { get; } =
        ["0001_alerts", "0002_actions", "0003_decisions", "0004_settlements", "0005_reference", "0006_rollups", "0007_enrolment_sets"];

    private string DbPath => _dir.File("analytics.db");

    [Fact]
    public async Task OpenAsync_NewFile_MigratedInWalModeAndDescribedByPath()
    {
        await using (var store = await SqliteAnalyticsStore.OpenAsync(DbPath, CancellationToken.None))
        {
            Assert.Equal(ExpectedMigrations, await store.AppliedMigrationsAsync(CancellationToken.None));
            Assert.Equal($"sqlite:{DbPath}", store.Describe);
        }

        using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task WriteAsync_AfterReopeningTheFile_SeesEarlierWrites()
    {
        await using (var store = await SqliteAnalyticsStore.OpenAsync(DbPath, CancellationToken.None))
        {
            await store.WriteAsync(Rows.Batch(b => b.Alerts.Add(Rows.Alert("R01:S0001"))), CancellationToken.None);
        }

        await using var reopened = await SqliteAnalyticsStore.OpenAsync(DbPath, CancellationToken.None);
        Assert.Equal(RecordText.Of(Rows.Alert("R01:S0001")), RecordText.Of((await reopened.FindAlertAsync("R01:S0001", CancellationToken.None))!));
    }

    public void Dispose() => _dir.Dispose();

    protected override IAnalyticsStore OpenStore() => new SqliteAnalyticsStore(DbPath);
}
