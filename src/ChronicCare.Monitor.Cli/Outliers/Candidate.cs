using ChronicCare.Monitor.Outliers;

namespace ChronicCare.Monitor.Cli.Outliers;

/// <summary>One model <c>train</c> fitted: its kind, scorer, calibrated threshold and held-out evaluation.</summary>
internal sealed record Candidate(string Kind, IOutlierScorer Scorer, double Threshold, HoldoutEvaluation Evaluation);
