using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChronicCare.Monitor.Modeling.Forest;
using ChronicCare.Monitor.Outliers;
using ChronicCare.Monitor.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Tests.Outliers;

/// <summary>
/// The model file (<c>model.json</c>): what <see cref="OutlierModel.ToJson"/> writes <see cref="OutlierModel.Parse"/>
/// reads back to a model that scores bit for bit the same; anything this build cannot score is refused with a
/// <see cref="ModelFormatException"/> whose one-line message says why.
/// </summary>
public sealed class OutlierModelTests
{
    [Fact]
    public void Parse_PcaModelToJson_ScoresEveryVectorIdenticallyAndKeepsItsSettings()
    {
        var model = new OutlierModel("outlier-test-3", TestModels.Tables, TestModels.Calibrated().Scaler, TestModels.Calibrated().Scorer, 17.123456789012345, 0.0125)
        {
            TrainedAt = "2026-11-23T16:59:34Z",
            TrainingJson = """{"settlements":468,"seed":42}""",
            EvaluationJson = """{"roc_auc":0.91}""",
        };

        var back = OutlierModel.Parse(model.ToJson());

        AssertSameModel(model, back);
        Assert.Equal("2026-11-23T16:59:34Z", back.TrainedAt);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(model.TrainingJson), JsonNode.Parse(back.TrainingJson!)));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(model.EvaluationJson), JsonNode.Parse(back.EvaluationJson!)));
        Assert.Equal(model.ToJson(), back.ToJson());
    }

    [Fact]
    public void Parse_IsolationForestModelToJson_ScoresEveryVectorIdentically()
    {
        var scaler = TestModels.Calibrated().Scaler;
        var forest = IsolationForestTrainer.Train(TestModels.TrainingVectors.Select(v => scaler.Transform(v)).ToList(), new IsolationForestOptions(Trees: 25, SampleSize: 64, Seed: 7));
        var model = new OutlierModel("forest-test", TestModels.Tables, scaler, forest, 0.61, 0.01);

        var back = OutlierModel.Parse(model.ToJson());

        Assert.Equal(IsolationForest.Kind, back.Kind);
        AssertSameModel(model, back);
        Assert.Null(back.TrainedAt);
        Assert.Null(back.TrainingJson);
    }

    [Fact]
    public void Parse_NotJson_Refused()
    {
        var e = Refused(Encoding.UTF8.GetBytes("{\"format\": \"chroniccare-outlier-model\", "));

        Assert.StartsWith("not a model file:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AnotherFormat_Refused()
    {
        var e = Refused(o => o["format"] = "onnx");

        Assert.Equal("not a model file: \"format\" is not \"chroniccare-outlier-model\"", e.Message);
    }

    [Fact]
    public void Parse_FormatVersion2_RefusedNamingBothVersions()
    {
        var e = Refused(o => o["format_version"] = 2);

        Assert.Equal("model format version 2 is not the one this build reads (1)", e.Message);
    }

    [Fact]
    public void Parse_FeatureListMissingOne_IncompatibleFeatureSchema()
    {
        var e = Refused(o => o["features"]!.AsArray().RemoveAt(5));

        Assert.StartsWith("incompatible feature schema: the model has 26 features, this build extracts 27", e.Message, StringComparison.Ordinal);
        Assert.Contains("differ at #6 (price_vs_reference_max vs self_paid_share)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FeatureListInAnotherOrder_IncompatibleFeatureSchema()
    {
        var e = Refused(o =>
        {
            var features = o["features"]!.AsArray();
            var first = features[0]!.GetValue<string>();
            features[0] = features[1]!.GetValue<string>();
            features[1] = first;
        });

        Assert.StartsWith("incompatible feature schema: the model has 27 features, this build extracts 27", e.Message, StringComparison.Ordinal);
        Assert.Contains("differ at #1 (drug_share vs log_total_amount)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FeatureListWithAnExtraOne_IncompatibleFeatureSchema()
    {
        var e = Refused(o => o["features"]!.AsArray().Add("weekday"));

        Assert.Contains("incompatible feature schema: the model has 28 features", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownKind_RefusedNamingIt()
    {
        var e = Refused(o => o["kind"] = "one_class_svm");

        Assert.StartsWith("unknown scorer kind \"one_class_svm\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NegativeTableValue_RefusedNamingTheEntry()
    {
        var e = Refused(o => o["tables"]!["drug_quantity_per_day"]![World.Amlodipine] = -1);

        Assert.Equal("tables.drug_quantity_per_day.AML1: -1 is not a finite number >= 0", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-0.1)]
    public void Parse_TargetAlertRateOutsideZeroOne_Refused(double rate)
    {
        var e = Refused(o => o["target_alert_rate"] = rate);

        Assert.StartsWith("model.target_alert_rate:", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("is not in (0, 1)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingThreshold_RefusedNamingIt()
    {
        var e = Refused(o => o.Remove("threshold"));

        Assert.Equal("model.threshold: missing", e.Message);
    }

    [Fact]
    public void Parse_ScalerOfAnotherWidth_Refused()
    {
        var e = Refused(o =>
        {
            o["scaler"]!["median"]!.AsArray().RemoveAt(0);
            o["scaler"]!["scale"]!.AsArray().RemoveAt(0);
        });

        Assert.Contains("must both have 27 features", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Unedited_Accepted()
    {
        // The edits above are refused for what they change, not for the round trip through JsonNode.
        var model = OutlierModel.Parse(Edit(_ => { }));

        Assert.Equal(TestModels.Version, model.Version);
    }

    private static void AssertSameModel(OutlierModel expected, OutlierModel actual)
    {
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Threshold, actual.Threshold);
        Assert.Equal(expected.TargetAlertRate, actual.TargetAlertRate);
        Assert.Equal(expected.Tables.DrugQuantityPerDay, actual.Tables.DrugQuantityPerDay);
        Assert.Equal(expected.Tables.IngredientQuantityPerDay, actual.Tables.IngredientQuantityPerDay);
        Assert.Equal(expected.Tables.IngredientMinPrice, actual.Tables.IngredientMinPrice);
        Assert.Equal(expected.Tables.DiseaseMonthlySpend, actual.Tables.DiseaseMonthlySpend);
        Assert.Equal(expected.Tables.MonthlySpend, actual.Tables.MonthlySpend);
        Assert.Equal(expected.Scaler.Median, actual.Scaler.Median);
        Assert.Equal(expected.Scaler.Scale, actual.Scaler.Scale);

        // Every training vector and some far from them: bit for bit the same score and explanation.
        var rng = new Random(5);
        var vectors = TestModels.TrainingVectors.Concat(Enumerable.Range(0, 50).Select(_ => Enumerable.Range(0, OutlierFeatures.Count).Select(_ => (rng.NextDouble() - 0.5) * 20).ToArray()));
        var a = new double[OutlierFeatures.Count];
        var b = new double[OutlierFeatures.Count];
        foreach (var v in vectors)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Score(v, a)), BitConverter.DoubleToInt64Bits(actual.Score(v, b)));
            var ea = new double[OutlierFeatures.Count];
            var eb = new double[OutlierFeatures.Count];
            expected.Scorer.Explain(a, ea);
            actual.Scorer.Explain(b, eb);
            Assert.Equal(ea, eb);
        }
    }

    private static ModelFormatException Refused(Action<JsonObject> edit) => Refused(Edit(edit));

    private static ModelFormatException Refused(byte[] json)
    {
        var e = Assert.Throws<ModelFormatException>(() => OutlierModel.Parse(json));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    private static byte[] Edit(Action<JsonObject> edit)
    {
        var o = JsonNode.Parse(TestModels.Calibrated().ToJson())!.AsObject();
        edit(o);
        return JsonSerializer.SerializeToUtf8Bytes(o);
    }
}
