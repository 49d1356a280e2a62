using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Analytics.Tests.Support;
using ChronicCare.Monitor.ClickHouse;
using ChronicCare.Monitor.ClickHouse.Analytics;
using ChronicCare.Monitor.Sqlite;
using ChronicCare.Monitor.Streaming.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Analytics.Tests.Store;

/// <summary>
/// The same seeded random quarter written into SQLite and into ClickHouse (Debian's 18.16): every query gives the
/// same answer in both, and the rollups add up to the settlements not reversed.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CrossStoreTests(ClickHouseServer server) : IClassFixture<ClickHouseServer>, IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly string[] QueriedMonths = ["2025-12", .. RandomDataset.Months, "2026-04"];
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task EveryQuery_SameRandomQuarterInBothStores_ReturnsIdenticalResults()
    {
        var data = new RandomDataset(seed: 20260301, settlements: 3000);
        await using var sqlite = await SqliteAnalyticsStore.OpenAsync(_dir.File("analytics.db"), None);
        await using var clickhouse = new ClickHouseAnalyticsStore(new ClickHouseOptions { Url = server.Url, Database = ClickHouseServer.NewDatabase() });
        await clickhouse.MigrateAsync(None);

        var snapshots = new List<IReadOnlyList<string>>();
        foreach (var store in new IAnalyticsStore[] { sqlite, clickhouse })
        {
            foreach (var batch in data.Batches)
            {
                await store.WriteAsync(batch, None);
            }

            foreach (var month in QueriedMonths)
            {
                await store.RefreshRollupsAsync(month, None);
            }

            snapshots.Add(await StoreSnapshot.TakeAsync(
                store, QueriedMonths, RandomDataset.Months, [.. data.AlertIds.Where((_, i) => i % 7 == 0), "R01:S404404"], [.. data.ActionIds, "ACT404"]));
        }

        // The first line that differs, whole (a collection diff cuts long lines).
        var differs = Enumerable.Range(0, Math.Min(snapshots[0].Count, snapshots[1].Count)).FirstOrDefault(i => snapshots[0][i] != snapshots[1][i], -1);
        Assert.Equal(differs < 0 ? "" : snapshots[0][differs], differs < 0 ? "" : snapshots[1][differs]);
        Assert.Equal(snapshots[0], snapshots[1]);
        Assert.True(snapshots[0].Count > 2_000, $"a snapshot of {snapshots[0].Count} lines is too small to compare much");
    }

    [Fact]
    public async Task RefreshRollupsAsync_RandomQuarter_SumsMatchTheSettlementsNotReversed()
    {
        var data = new RandomDataset(seed: 7, settlements: 1500);
        await using var sqlite = await SqliteAnalyticsStore.OpenAsync(_dir.File("analytics.db"), None);
        await using var clickhouse = new ClickHouseAnalyticsStore(new ClickHouseOptions { Url = server.Url, Database = ClickHouseServer.NewDatabase() });
        await clickhouse.MigrateAsync(None);

        foreach (var store in new IAnalyticsStore[] { sqlite, clickhouse })
        {
            foreach (var batch in data.Batches)
            {
                await store.WriteAsync(batch, None);
            }

            foreach (var month in RandomDataset.Months)
            {
                await store.RefreshRollupsAsync(month, None);
                var live = data.AllSettlements.Where(s => s.Month == month && !data.Reversed.Contains(s.SettlementId)).ToList();
                var facilities = await store.FacilityMonthsAsync(month, None);
                var patients = await store.PatientMonthsAsync(month, None);

                Assert.Equal(live.Count, facilities.Sum(f => f.Settlements));
                Assert.Equal(live.Sum(s => s.TotalFen), facilities.Sum(f => f.TotalFen));
                Assert.Equal(live.Sum(s => s.DrugFen), patients.Sum(p => p.DrugFen));
                Assert.Equal(live.Sum(s => s.FundFen), patients.Sum(p => p.FundFen));
                Assert.Equal(
                    live.GroupBy(s => s.FacilityId).Select(g => (g.Key, (long)g.Select(s => s.PatientKey).Distinct().Count())).OrderBy(p => p.Key, StringComparer.Ordinal),
                    facilities.Select(f => (f.FacilityId, f.Patients)));
            }
        }
    }

    public void Dispose() => _dir.Dispose();
}
