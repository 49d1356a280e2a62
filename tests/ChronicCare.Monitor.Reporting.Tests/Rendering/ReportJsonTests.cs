using ChronicCare.Monitor.Analytics;
using System.Text.Json;
using ChronicCare.Monitor.Analytics.Report;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Reporting.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Reporting.Tests.Rendering;

public sealed class ReportJsonTests
{
    private static async Task<string> BasicJson(string? region = null) => ReportJson.ToJson(await BasicCity.BuildAsync(BasicCity.Store(), region: region));

    [Fact]
    public async Task Write_Headline_MoneyInYuanWithTwoDecimals()
    {
        var json = await BasicJson();
        Assert.Contains("\"total_cost\": 240.00", json, StringComparison.Ordinal);
        Assert.Contains("\"per_capita_cost\": 120.00", json, StringComparison.Ordinal);
        Assert.Contains("\"per_capita_treatment\": 22.50", json, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json);
        var h = doc.RootElement.GetProperty("headline");
        Assert.Equal(168.00m, h.GetProperty("fund_cost").GetDecimal());
        Assert.Equal(3, h.GetProperty("enrolled_patients").GetInt32());
        Assert.Equal(0.5m, h.GetProperty("hospitalisation_rate").GetDecimal());
    }

    [Fact]
    public async Task Write_TopLevel_SnakeCaseKeysInFixedOrder()
    {
        using var doc = JsonDocument.Parse(await BasicJson());
        Assert.Equal(
            [
                "report", "version", "month", "region", "generated_at", "previous_month", "year_ago_month", "headline", "headline_changes",
                "by_disease", "by_region", "by_facility_level", "trend", "alerts", "sanctions", "top_facilities", "top_patients", "quota_use",
                "facility_criteria",
            ],
            doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-04-02T00:30:00+00:00", doc.RootElement.GetProperty("generated_at").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("region").ValueKind);
    }

    [Fact]
    public async Task Write_Changes_RatiosFourDecimalsNullWhenNoBase()
    {
        using var doc = JsonDocument.Parse(await BasicJson());
        var changes = doc.RootElement.GetProperty("headline_changes").EnumerateArray().ToDictionary(c => c.GetProperty("metric").GetString()!);
        Assert.Equal(0.2m, changes["total_cost"].GetProperty("month_on_month").GetDecimal());
        Assert.Equal(200.00m, changes["total_cost"].GetProperty("month_ago").GetDecimal());
        Assert.Equal(JsonValueKind.Null, changes["total_cost"].GetProperty("year_on_year").ValueKind);
        Assert.Equal(2, changes["active_patients"].GetProperty("value").GetInt32());
        Assert.Equal(JsonValueKind.Null, changes["per_capita_cost"].GetProperty("year_ago").ValueKind);
    }

    [Fact]
    public async Task Write_RegionAndLevelChanges_SameShapeAsDiseaseChanges()
    {
        using var doc = JsonDocument.Parse(await BasicJson());
        var root = doc.RootElement;
        var disease = root.GetProperty("by_disease")[0];
        var changeKeys = Keys(disease.GetProperty("changes")[0]);
        Assert.Equal(["metric", "value", "month_ago", "month_on_month", "year_ago", "year_on_year"], changeKeys);
        foreach (var group in root.GetProperty("by_region").EnumerateArray().Concat(root.GetProperty("by_facility_level").EnumerateArray()))
        {
            Assert.Equal("changes", Keys(group)[^1]);
            Assert.Equal(Keys(disease).SkipWhile(k => k != "enrolled_patients"), Keys(group).SkipWhile(k => k != "enrolled_patients"));
            var changes = group.GetProperty("changes").EnumerateArray().ToList();
            Assert.Equal(ReportMetrics.All.Select(ReportMetrics.Key), changes.Select(c => c.GetProperty("metric").GetString()));
            Assert.All(changes, c => Assert.Equal(changeKeys, Keys(c)));
        }
    }

    [Fact]
    public async Task Write_RegionAndLevelChanges_RatiosAndNullBases()
    {
        var store = BasicCity.Store();
        store.PatientMonths.Add(Rows.Pm("2026-03", "P5", "HTN", 3, "320106", 1, treatment: 4000));
        using var doc = JsonDocument.Parse(ReportJson.ToJson(await BasicCity.BuildAsync(store)));
        var regions = doc.RootElement.GetProperty("by_region").EnumerateArray().ToDictionary(g => g.GetProperty("region").GetString()!, Changes);
        Assert.Equal(-0.25m, regions["320102"]["total_cost"].GetProperty("month_on_month").GetDecimal());
        Assert.Equal(200.00m, regions["320102"]["total_cost"].GetProperty("month_ago").GetDecimal());
        Assert.Equal(JsonValueKind.Null, regions["320205"]["total_cost"].GetProperty("month_on_month").ValueKind); // base 0
        Assert.Equal(JsonValueKind.Null, regions["320106"]["total_cost"].GetProperty("month_ago").ValueKind); // only this month
        Assert.Equal(JsonValueKind.Null, regions["320106"]["active_patients"].GetProperty("month_on_month").ValueKind);

        var levels = doc.RootElement.GetProperty("by_facility_level").EnumerateArray().ToDictionary(l => l.GetProperty("level").GetInt32(), Changes);
        Assert.Equal(-0.5m, levels[1]["per_capita_cost"].GetProperty("month_on_month").GetDecimal());
        Assert.Equal(1, levels[1]["active_patients"].GetProperty("value").GetInt32());
        Assert.Equal(0m, levels[2]["total_cost"].GetProperty("month_ago").GetDecimal());
        Assert.Equal(JsonValueKind.Null, levels[2]["total_cost"].GetProperty("month_on_month").ValueKind);
        Assert.Equal(JsonValueKind.Null, levels[0]["enrolled_patients"].GetProperty("value").ValueKind);
    }

    [Fact]
    public async Task Write_Ratios_RoundedToFourDecimals()
    {
        var s = new InMemoryAnalyticsStore();
        s.Diseases.Add(new DiseaseRow("HTN", "高血压", 10000));
        s.PatientMonths.AddRange(
        [
            Rows.Pm("2026-03", "P1", "HTN", 1, "320102", 1, drug: 11000),
            Rows.Pm("2026-03", "P2", "HTN", 1, "320102", 1, drug: 8000),
            Rows.Pm("2026-03", "P3", "HTN", 1, "320102", 1, drug: 10000),
        ]);
        var json = ReportJson.ToJson(await BasicCity.BuildAsync(s));
        Assert.Contains("\"over_quota_share\": 0.3333", json, StringComparison.Ordinal);
        Assert.Contains("\"mean_drug_cost\": 96.67", json, StringComparison.Ordinal);
        Assert.Contains("\"mean_to_quota\": 0.9667", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_Chinese_ReadableWithoutEscapes()
    {
        var json = await BasicJson();
        Assert.Contains("\"name\": \"高血压\"", json, StringComparison.Ordinal);
        Assert.Contains("\"name_zh\": \"重复开药\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_MarkupInNames_StillValidJson()
    {
        var s = BasicCity.Store();
        s.Diseases[0] = new DiseaseRow("HTN", "<b>\"高\" & 血压</b>", 10000);
        var json = ReportJson.ToJson(await BasicCity.BuildAsync(s));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("<b>\"高\" & 血压</b>", doc.RootElement.GetProperty("by_disease")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Write_RichReport_ParsesWithEverySection()
    {
        var report = await ReportBuilder.BuildAsync(RichCity.Store(patients: 600), RichCity.Month, null, new(), BasicCity.GeneratedAt, CancellationToken.None);
        using var doc = JsonDocument.Parse(ReportJson.ToJson(report));
        Assert.Equal(12, doc.RootElement.GetProperty("by_disease").GetArrayLength());
        Assert.Equal(15, doc.RootElement.GetProperty("by_region").GetArrayLength());
        Assert.Equal(13, doc.RootElement.GetProperty("trend").GetArrayLength());
        Assert.Equal(10, doc.RootElement.GetProperty("top_facilities").GetArrayLength());
        Assert.Equal(10, doc.RootElement.GetProperty("top_patients").GetArrayLength());
        Assert.All(doc.RootElement.GetProperty("by_region").EnumerateArray(), g => Assert.Equal(12, g.GetProperty("changes").GetArrayLength()));
        Assert.All(doc.RootElement.GetProperty("by_facility_level").EnumerateArray(), l => Assert.Equal(12, l.GetProperty("changes").GetArrayLength()));
    }

    private static List<string> Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToList();

    private static Dictionary<string, JsonElement> Changes(JsonElement group) =>
        group.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("metric").GetString()!);
}
