using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Outliers;

namespace ChronicCare.Monitor.Rules;

/// <summary>
/// R15 OUTLIER_SCORE 异常评分: the outlier model's score of the settlement is strictly above the model's calibrated
/// threshold (contract §3; the model and its card under <c>models/</c>). Seed Chongqing 三(二): 对非正常浮动指标智能分析.
/// The evidence gives the score, the threshold, the model version and the features that contributed most, each with
/// its value and the training data's median, so a reviewer can read why without the model.
/// </summary>
internal static class OutlierRule
{
    public const string Code = "R15";

    /// <summary>How many of the strongest features the evidence cites.</summary>
    public const int CitedFeatures = 3;

    public static AlertDraft? Evaluate(SettlementFacts f, OutlierModel model, ReadOnlySpan<double> raw, Span<double> scaled)
    {
        var score = model.Score(raw, scaled);
        if (!(score > model.Threshold))
        {
            return null;
        }

        Span<double> share = stackalloc double[scaled.Length];
        model.Scorer.Explain(scaled, share);
        var top = Top(share);
        var features = OutlierFeatures.All;
        using var e = new EvidenceBuilder();
        var w = e.Writer;
        w.WriteNumber("score", Math.Round(score, 4));
        w.WriteNumber("threshold", Math.Round(model.Threshold, 4));
        w.WriteString("model", model.Version);
        w.WriteString("model_kind", model.Kind);
        w.WriteNumber("target_alert_rate", model.TargetAlertRate);
        w.WriteStartArray("top_features");
        foreach (var i in top)
        {
            w.WriteStartObject();
            w.WriteString("feature", features[i].Name);
            w.WriteString("meaning", features[i].Meaning);
            w.WriteNumber("value", Math.Round(raw[i], 3));
            w.WriteNumber("typical", Math.Round(model.Scaler.Median[i], 3));
            w.WriteNumber("share", Math.Round(share[i], 3));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        var values = raw.ToArray();
        var zh = string.Join("、", top.Select(i => features[i].MeaningZh));
        var en = string.Join("; ", top.Select(i => $"{features[i].Meaning} {values[i]:0.###} (typical {model.Scaler.Median[i]:0.###})"));
        var s = f.Settlement;
        return new AlertDraft(Code, s, e.Build(f.Notes),
            $"异常评分{score:0.0000}高于模型{model.Version}的阈值{model.Threshold:0.0000}，主要异常项：{zh}。",
            $"Outlier score {score:0.0000} is above model {model.Version}'s threshold {model.Threshold:0.0000}; strongest: {en}.")
        {
            Score = Math.Round(score, 4),
        };
    }

    private static int[] Top(ReadOnlySpan<double> share)
    {
        var order = new int[share.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var values = share.ToArray();
        // Stable by feature index on ties, so the evidence is the same on every run.
        Array.Sort(order, (a, b) => values[b] != values[a] ? values[b].CompareTo(values[a]) : a.CompareTo(b));
        return order.Take(Math.Min(CitedFeatures, order.Length)).Where(i => values[i] > 0).ToArray();
    }
}
