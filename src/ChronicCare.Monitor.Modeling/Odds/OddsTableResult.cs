namespace ChronicCare.Monitor.Modeling.Odds;

/// <summary>One table's figures: means over the splits of ROC-AUC and average precision on the test parts.</summary>
internal sealed record OddsTableResult(string Table, int Rows, int Features, double AnomalyShare, double IfRocAuc, double PcaRocAuc, double IfAp, double PcaAp)
{
    public (double IsolationForest, double Pca)? Published => OddsPublished.Of(Table);
}
