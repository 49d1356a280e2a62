namespace ChronicCare.Monitor.Cli.Evaluation;

/// <summary>Precision, recall and F1 of one rule or pattern; <see cref="PerTenThousand"/> is alerts per 10,000 settlements.</summary>
internal sealed record RuleScore(string Key, string Name, int Expected, int Alerts, int TruePositives, double PerTenThousand)
{
    public double? Precision => Alerts == 0 ? null : (double)TruePositives / Alerts;

    public double? Recall => Expected == 0 ? null : (double)TruePositives / Expected;

    public double? F1 => Precision is { } p && Recall is { } r && p + r > 0 ? 2 * p * r / (p + r) : null;
}
