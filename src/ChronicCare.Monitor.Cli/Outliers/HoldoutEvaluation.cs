using System.Text.Json;
using ChronicCare.Monitor.Modeling.Evaluation;

namespace ChronicCare.Monitor.Cli.Outliers;

/// <summary>
/// A model on the held-out patients' settlements: the alert rate at its threshold and, when labels are known, how
/// it ranks the model-only deviations (ROC-AUC, average precision) and how many of them it alerts (recall, per pattern).
/// </summary>
internal sealed record HoldoutEvaluation(int Settlements, double AlertRate, double RocAuc, double AveragePrecision, double Recall, IReadOnlyDictionary<string, (int Caught, int Total)> RecallByPattern)
{
    public static HoldoutEvaluation Of(IReadOnlyList<string> settlementIds, IReadOnlyList<double> scores, double threshold, IReadOnlyDictionary<string, string> positives)
    {
        var alerted = scores.Count(s => s > threshold);
        var anomaly = settlementIds.Select(positives.ContainsKey).ToList();
        var byPattern = new SortedDictionary<string, (int Caught, int Total)>(StringComparer.Ordinal);
        for (var i = 0; i < settlementIds.Count; i++)
        {
            if (positives.TryGetValue(settlementIds[i], out var pattern))
            {
                var (caught, total) = byPattern.GetValueOrDefault(pattern);
                byPattern[pattern] = (caught + (scores[i] > threshold ? 1 : 0), total + 1);
            }
        }

        var any = anomaly.Any(a => a) && anomaly.Any(a => !a);
        var positiveCount = byPattern.Values.Sum(v => v.Total);
        return new HoldoutEvaluation(
            settlementIds.Count,
            settlementIds.Count == 0 ? 0 : alerted / (double)settlementIds.Count,
            any ? Metrics.RocAuc(anomaly, scores) : double.NaN,
            any ? Metrics.AveragePrecision(anomaly, scores) : double.NaN,
            positiveCount == 0 ? double.NaN : byPattern.Values.Sum(v => v.Caught) / (double)positiveCount,
            byPattern);
    }

    public void Write(Utf8JsonWriter w, double threshold)
    {
        w.WriteStartObject();
        w.WriteNumber("threshold", threshold);
        w.WriteNumber("settlements", Settlements);
        w.WriteNumber("alert_rate", Math.Round(AlertRate, 5));
        if (!double.IsNaN(RocAuc))
        {
            w.WriteNumber("roc_auc_model_only", Math.Round(RocAuc, 4));
            w.WriteNumber("average_precision_model_only", Math.Round(AveragePrecision, 4));
            w.WriteNumber("recall_model_only", Math.Round(Recall, 4));
            w.WriteStartObject("recall_by_pattern");
            foreach (var (pattern, (caught, total)) in RecallByPattern)
            {
                w.WriteString(pattern, $"{caught}/{total}");
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
