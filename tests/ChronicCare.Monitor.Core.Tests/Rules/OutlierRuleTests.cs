using System.Text.Json;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Outliers;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Tests.Support;
using Xunit;
using static ChronicCare.Monitor.Tests.Support.SettlementBuilder;

namespace ChronicCare.Monitor.Tests.Rules;

/// <summary>
/// R15 OUTLIER_SCORE (contract §3): fires on a settlement whose outlier score is strictly above the model's threshold,
/// with the score on the alert and evidence a reviewer can read (score, threshold, model, top features); off when the
/// engine has no model; withdrawn with its settlement.
/// </summary>
public sealed class OutlierRuleTests
{
    /// <summary>An ordinary refill: the generic at its reference price, 1 a day, at 09:00 at a hospital.</summary>
    private static readonly Settlement Ordinary = S("S1").On("2026-03-01").Drug(World.Amlodipine, 30, 10.5m, 30);

    /// <summary>Ten days later, the brand at 3 × its reference price, 3 a day, at 03:00: far from anything ordinary.</summary>
    private static readonly Settlement Odd = S("S2").At("2026-03-11T03:00:00+08:00").Drug(World.AmlodipineBrand, 30, 567m, 90);

    [Fact]
    public void Evaluate_ScoreAboveThreshold_OneOpenR15WithScoreAndEvidence()
    {
        var model = TestModels.Calibrated(0.02);
        var d = new EngineDriver(outliers: new OutlierModelSlot(model)).ApplyEach(Ordinary, Odd);

        var exact = TestModels.ScoreIn(model, [Ordinary, Odd], "S2");
        Assert.True(exact > model.Threshold);
        Assert.True(TestModels.ScoreIn(model, [Ordinary, Odd], "S1") <= model.Threshold);
        Assert.Equal(["S2"], d.OpenOf("R15"));
        var alert = d.OpenAlert("R15", "S2");
        Assert.Equal("R15:S2", alert.AlertId);
        Assert.Equal("R15", alert.Rule);
        Assert.Equal("P1", alert.PatientId);
        Assert.Equal(World.Hospital, alert.FacilityId);
        Assert.Equal(Severity.Low, alert.Severity);
        Assert.Equal(Math.Round(exact, 4), alert.Score);

        using var evidence = JsonDocument.Parse(alert.EvidenceJson);
        var e = evidence.RootElement;
        Assert.Equal(alert.Score, e.GetProperty("score").GetDouble());
        Assert.Equal(Math.Round(model.Threshold, 4), e.GetProperty("threshold").GetDouble());
        Assert.Equal(TestModels.Version, e.GetProperty("model").GetString());
        Assert.Equal("pca", e.GetProperty("model_kind").GetString());
        var top = e.GetProperty("top_features").EnumerateArray().ToList();
        Assert.Equal(3, top.Count);
        var raw = TestModels.Capture([Ordinary, Odd])["S2"];
        var shares = new List<double>();
        foreach (var t in top)
        {
            var i = ChronicCare.Monitor.Tests.Outliers.OutlierFeaturesTests.F(t.GetProperty("feature").GetString()!);
            Assert.Equal(Math.Round(raw[i], 3), t.GetProperty("value").GetDouble());
            Assert.Equal(Math.Round(model.Scaler.Median[i], 3), t.GetProperty("typical").GetDouble());
            var share = t.GetProperty("share").GetDouble();
            Assert.InRange(share, 0, 1);
            shares.Add(share);
        }

        Assert.Equal(shares.OrderDescending(), shares);
        Assert.Equal(3, top.Select(t => t.GetProperty("feature").GetString()).Distinct().Count());
    }

    [Fact]
    public void Evaluate_OrdinaryRefillAtThreeTimesThePrice_TopFeatureIsThePrice()
    {
        // The next month's refill exactly as usual except that the generic is billed at 1.05 a tablet (3 × 0.35).
        Settlement inflated = S("S2").On("2026-03-31").Drug(World.Amlodipine, 30, 31.5m, 30);
        var d = new EngineDriver(outliers: new OutlierModelSlot(TestModels.Calibrated(0.02))).Apply(Ordinary, inflated);

        using var evidence = JsonDocument.Parse(d.OpenAlert("R15", "S2").EvidenceJson);
        var first = evidence.RootElement.GetProperty("top_features")[0];
        Assert.StartsWith("price_vs_reference_", first.GetProperty("feature").GetString(), StringComparison.Ordinal);
        Assert.Equal(Math.Round(Math.Log(3), 3), first.GetProperty("value").GetDouble());
        Assert.Contains("price", d.OpenAlert("R15", "S2").MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ThresholdExactlyAtTheScore_NoAlertJustBelowIt_Alert()
    {
        var exact = TestModels.ScoreIn(TestModels.Calibrated(), [Ordinary, Odd], "S2");

        var at = new EngineDriver(outliers: new OutlierModelSlot(TestModels.WithThreshold(exact))).Apply(Ordinary, Odd);
        var below = new EngineDriver(outliers: new OutlierModelSlot(TestModels.WithThreshold(Math.BitDecrement(exact)))).Apply(Ordinary, Odd);

        Assert.False(at.Alerts.ContainsKey("R15:S2"));
        Assert.Empty(at.OpenOf("R15"));
        Assert.True(below.IsOpen("R15", "S2"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Evaluate_NoModel_NoR15AndTheOtherRulesUnchanged(int seed)
    {
        var (reference, events) = ChronicCare.Monitor.Tests.Engine.OrderIndependenceTests.Scenario(new Random(seed));
        var patients = ChronicCare.Monitor.Tests.Engine.OrderIndependenceTests.PatientsOf(reference);

        var none = new EngineDriver(World.Reference(patients)).Apply([.. events]);
        var nullSlot = new EngineDriver(World.Reference(patients), outliers: null).Apply([.. events]);
        var empty = new EngineDriver(World.Reference(patients), outliers: new OutlierModelSlot()).Apply([.. events]);
        var all = new EngineDriver(World.Reference(patients), outliers: new OutlierModelSlot(TestModels.WithThreshold(-1))).Apply([.. events]);

        Assert.DoesNotContain(none.Alerts.Values, a => a.Rule == "R15");
        Assert.DoesNotContain(nullSlot.Alerts.Values, a => a.Rule == "R15");
        Assert.DoesNotContain(empty.Alerts.Values, a => a.Rule == "R15");
        var expected = ChronicCare.Monitor.Tests.Engine.OrderIndependenceTests.Outcome(none);
        Assert.Equal(expected, ChronicCare.Monitor.Tests.Engine.OrderIndependenceTests.Outcome(nullSlot));
        Assert.Equal(expected, ChronicCare.Monitor.Tests.Engine.OrderIndependenceTests.Outcome(empty));
        Assert.Equal(WithoutR15(none), WithoutR15(all));
        Assert.Equal(Alive(events), all.OpenOf("R15"));
    }

    [Fact]
    public void Evaluate_AlertMessages_NameTheModelAndThreshold()
    {
        var model = TestModels.WithThreshold(12.5, "outlier-test-7");
        var d = new EngineDriver(outliers: new OutlierModelSlot(model)).Apply(Ordinary, Odd);

        var alert = d.OpenAlert("R15", "S2");
        Assert.Contains("outlier-test-7", alert.MessageEn, StringComparison.Ordinal);
        Assert.Contains("outlier-test-7", alert.MessageZh, StringComparison.Ordinal);
        Assert.Contains("12.5000", alert.MessageEn, StringComparison.Ordinal);
        Assert.Contains("12.5000", alert.MessageZh, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', alert.MessageEn);
        using var evidence = JsonDocument.Parse(alert.EvidenceJson);
        Assert.Equal("outlier-test-7", evidence.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public void Evaluate_SettlementReversed_R15Withdrawn()
    {
        var d = new EngineDriver(outliers: new OutlierModelSlot(TestModels.Calibrated(0.02))).ApplyEach(Ordinary, Odd);
        Assert.True(d.IsOpen("R15", "S2"));

        d.ApplyEach(new Reversal { SettlementId = "S2", ReversedAt = Ts("2026-03-12T10:00:00+08:00") });

        Assert.Equal(AlertStatus.Withdrawn, d.Alerts["R15:S2"].Status);
        Assert.Empty(d.OpenOf("R15"));
    }

    [Fact]
    public void Evaluate_ReversalBeforeItsSettlement_NoR15()
    {
        var d = new EngineDriver(outliers: new OutlierModelSlot(TestModels.Calibrated(0.02)))
            .ApplyEach(new Reversal { SettlementId = "S2", ReversedAt = Ts("2026-03-12T10:00:00+08:00") }, Ordinary, Odd);

        Assert.False(d.Alerts.ContainsKey("R15:S2"));
    }

    private static string WithoutR15(EngineDriver d) =>
        string.Join('\n', d.Open.Where(a => a.Rule != "R15").OrderBy(a => a.AlertId, StringComparer.Ordinal).Select(a => $"{a.AlertId} {a.EvidenceJson} {a.MessageEn}"))
        + "\n--\n" + string.Join('\n', d.InForce.Select(a => $"{a.ActionId} {string.Join(',', a.AlertIds)} {a.EffectiveFrom}").Order(StringComparer.Ordinal));

    /// <summary>The ids of the settlements that were not reversed, sorted.</summary>
    private static List<string> Alive(List<InputEvent> events)
    {
        var reversed = events.OfType<Reversal>().Select(r => r.SettlementId).ToHashSet(StringComparer.Ordinal);
        return events.OfType<Settlement>().Select(s => s.SettlementId).Where(id => !reversed.Contains(id)).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    private static Timestamp Ts(string s) => IsoTimestamp.TryParse(s, out var t) ? t : throw new ArgumentException(s);
}
