using ChronicCare.Monitor.Modeling.Odds;
using ChronicCare.Monitor.Outliers;

namespace ChronicCare.Monitor.Cli.Outliers;

/// <summary>What <c>train</c> did, printed at the end.</summary>
internal sealed record TrainSummary(
    OutlierModel Model,
    IReadOnlyList<Candidate> Candidates,
    string Chosen,
    int Settlements,
    int Fit,
    int Holdout,
    bool Labelled,
    OddsBenchmarkResult? Odds,
    TimeSpan Elapsed)
{
    public void Print(TextWriter o)
    {
        o.WriteLine($"trained {Model.Version} ({Chosen}) on {Fit:N0} of {Settlements:N0} settlements in {Elapsed.TotalSeconds:F1} s; threshold {Model.Threshold:0.0000} for a {Model.TargetAlertRate:P2} alert rate");
        foreach (var c in Candidates)
        {
            var e = c.Evaluation;
            o.WriteLine(Labelled && !double.IsNaN(e.RocAuc)
                ? $"  {c.Kind,-17} held out: alert rate {e.AlertRate:P2}, ROC-AUC {e.RocAuc:0.000}, AP {e.AveragePrecision:0.000}, recall {e.Recall:P1} ({string.Join(", ", e.RecallByPattern.Select(kv => $"{kv.Key} {kv.Value.Caught}/{kv.Value.Total}"))})"
                : $"  {c.Kind,-17} held out: alert rate {e.AlertRate:P2} (no labelled model-only deviation among the held-out patients: recall not measured)");
        }

        if (Odds is not null)
        {
            o.WriteLine($"  ODDS mean ROC-AUC over the six published tables: Isolation Forest {Odds.MeanIfRocAuc:0.000}, PCA {Odds.MeanPcaRocAuc:0.000} (published Isolation Forest {OddsPublished.IsolationForestMean:0.000})");
        }
    }
}
