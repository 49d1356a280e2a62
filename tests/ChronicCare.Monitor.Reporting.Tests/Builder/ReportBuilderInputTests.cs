using ChronicCare.Monitor.Analytics.Report;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.Reporting.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Reporting.Tests.Builder;

/// <summary>Argument checks and the empty month.</summary>
public sealed class ReportBuilderInputTests
{
    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-3")]
    [InlineData("26-03")]
    [InlineData("2026/03")]
    [InlineData("2026-03-01")]
    [InlineData("")]
    public async Task BuildAsync_BadMonth_ArgumentExceptionNamingTheFormat(string month)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => BasicCity.BuildAsync(BasicCity.Store(), month: month));
        Assert.Equal("month", e.ParamName);
        Assert.Contains("yyyy-MM", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("32a1")]
    [InlineData("1234567")]
    [InlineData(" 3201")]
    [InlineData("３２")]
    public async Task BuildAsync_BadRegion_ArgumentExceptionNamingTheShape(string region)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => BasicCity.BuildAsync(BasicCity.Store(), region: region));
        Assert.Equal("region", e.ParamName);
        Assert.Contains("1 to 6 digits", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_NullStoreOrPolicy_ArgumentNullException()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() =>
            ReportBuilder.BuildAsync(null!, "2026-03", null, new CostOutlierPolicy(), BasicCity.GeneratedAt, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentNullException>(() =>
            ReportBuilder.BuildAsync(BasicCity.Store(), "2026-03", null, null!, BasicCity.GeneratedAt, CancellationToken.None));
    }

    [Fact]
    public async Task BuildAsync_EmptyStore_ZerosAndNoRates()
    {
        var r = await BasicCity.BuildAsync(new InMemoryAnalyticsStore());
        Assert.Equal(CostFigures.Empty, r.Headline);
        Assert.Null(r.Headline.PerCapitaFen);
        Assert.Null(r.Headline.HospitalisationRate);
        Assert.All(r.HeadlineChanges, c => Assert.Null(c.MonthOnMonth));
        Assert.Empty(r.ByDisease);
        Assert.Empty(r.ByRegion);
        Assert.Equal(4, r.ByFacilityLevel.Count);
        Assert.Equal(13, r.Trend.Count);
        Assert.All(r.Trend, t => Assert.Equal(0, t.TotalFen));
        Assert.Equal(AlertCounts.Zero, r.Alerts.Total);
        Assert.Equal(15, r.Alerts.ByRule.Count);
        Assert.Equal(0, r.Sanctions.Total);
        Assert.Empty(r.TopFacilities);
        Assert.Empty(r.TopPatients);
        Assert.Empty(r.QuotaUse);
    }

    [Fact]
    public async Task BuildAsync_SameStoreTwice_SameReport()
    {
        var store = BasicCity.Store();
        var a = ReportJson.ToJson(await BasicCity.BuildAsync(store));
        var b = ReportJson.ToJson(await BasicCity.BuildAsync(store));
        Assert.Equal(a, b);
    }

    [Fact]
    public async Task BuildAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ReportBuilder.BuildAsync(BasicCity.Store(), "2026-03", null, new CostOutlierPolicy(), BasicCity.GeneratedAt, cts.Token));
    }
}
