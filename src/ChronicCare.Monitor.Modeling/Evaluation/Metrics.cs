namespace ChronicCare.Monitor.Modeling.Evaluation;

/// <summary>Ranking metrics of anomaly scores against labels (true = anomaly), as scikit-learn computes them.</summary>
internal static class Metrics
{
    /// <summary>
    /// ROC-AUC by the Mann–Whitney U statistic: the chance that a random anomaly outscores a random nominal, ties
    /// counting one half (average ranks), which equals the trapezoidal area under the ROC curve.
    /// </summary>
    public static double RocAuc(IReadOnlyList<bool> anomaly, IReadOnlyList<double> scores)
    {
        var order = Sorted(anomaly, scores, descending: false);
        var positives = anomaly.Count(a => a);
        var negatives = anomaly.Count - positives;
        RequireBothClasses(positives, negatives);
        var rankSum = 0.0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end < order.Length && scores[order[end]] == scores[order[start]])
            {
                end++;
            }

            // Ranks start + 1 .. end share their mean.
            var meanRank = (start + 1 + end) / 2.0;
            for (var i = start; i < end; i++)
            {
                if (anomaly[order[i]])
                {
                    rankSum += meanRank;
                }
            }

            start = end;
        }

        return (rankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>
    /// Average precision, scikit-learn's definition: Σₙ (Rₙ − Rₙ₋₁) Pₙ over the distinct score thresholds in
    /// descending order (all rows tied at a threshold enter together), R₀ = 0; no interpolation.
    /// </summary>
    public static double AveragePrecision(IReadOnlyList<bool> anomaly, IReadOnlyList<double> scores)
    {
        var order = Sorted(anomaly, scores, descending: true);
        var positives = anomaly.Count(a => a);
        RequireBothClasses(positives, anomaly.Count - positives);
        var (truePositives, seen, recall, ap) = (0, 0, 0.0, 0.0);
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end < order.Length && scores[order[end]] == scores[order[start]])
            {
                truePositives += anomaly[order[end]] ? 1 : 0;
                end++;
            }

            seen = end;
            var newRecall = (double)truePositives / positives;
            ap += (newRecall - recall) * truePositives / seen;
            recall = newRecall;
            start = end;
        }

        return ap;
    }

    private static int[] Sorted(IReadOnlyList<bool> anomaly, IReadOnlyList<double> scores, bool descending)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        ArgumentNullException.ThrowIfNull(scores);
        if (anomaly.Count != scores.Count)
        {
            throw new ArgumentException($"{anomaly.Count} labels but {scores.Count} scores", nameof(scores));
        }

        if (scores.Any(double.IsNaN))
        {
            throw new ArgumentException("a score is NaN", nameof(scores));
        }

        var order = Enumerable.Range(0, scores.Count).ToArray();
        Array.Sort(order, (a, b) => descending ? scores[b].CompareTo(scores[a]) : scores[a].CompareTo(scores[b]));
        return order;
    }

    private static void RequireBothClasses(int positives, int negatives)
    {
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException($"needs both anomalies and nominals (got {positives} and {negatives})");
        }
    }
}
