using ChronicCare.Monitor.Modeling.Evaluation;
using Xunit;

namespace ChronicCare.Monitor.Modeling.Tests.Evaluation;

public class MetricsTests
{
    private static readonly bool[] SklearnLabels = [false, false, true, true];
    private static readonly double[] SklearnScores = [0.1, 0.4, 0.35, 0.8];

    [Fact]
    public void RocAuc_ScikitLearnDocExample_Is075()
    {
        Assert.Equal(0.75, Metrics.RocAuc(SklearnLabels, SklearnScores), 12);
    }

    [Fact]
    public void AveragePrecision_ScikitLearnDocExample_Is08333()
    {
        Assert.Equal(0.5 + (0.5 * 2 / 3), Metrics.AveragePrecision(SklearnLabels, SklearnScores), 12);
    }

    [Fact]
    public void RocAuc_TieAcrossClasses_CountsOneHalf()
    {
        // Pairs (anomaly, nominal): (0.5, 0.5) tie = ½, (0.5, 0.1) = 1, (0.9, 0.5) = 1, (0.9, 0.1) = 1 → 3.5 / 4.
        Assert.Equal(0.875, Metrics.RocAuc([true, false, true, false], [0.5, 0.5, 0.9, 0.1]), 12);
    }

    [Fact]
    public void RocAuc_AllTied_IsOneHalf()
    {
        Assert.Equal(0.5, Metrics.RocAuc([true, false, false], [1, 1, 1]), 12);
    }

    [Fact]
    public void AveragePrecision_TiedThreshold_OneStepForTheWholeTie()
    {
        // Threshold 0.9: 1 of 1 anomalous, recall ½. Threshold 0.5 (two rows, one anomaly): precision 2/3, recall 1.
        // Scikit-learn gives ½ · 1 + ½ · ⅔; stepping through the tie one row at a time would give ½ + ½ · ⅔ or ½ · 1 + ½ · 1.
        Assert.Equal(0.5 + (0.5 * 2 / 3), Metrics.AveragePrecision([true, false, true, false], [0.9, 0.5, 0.5, 0.1]), 12);
    }

    [Fact]
    public void AveragePrecision_PerfectRanking_IsOne()
    {
        Assert.Equal(1, Metrics.AveragePrecision([false, true, false, true], [0.1, 0.9, 0.2, 0.8]), 12);
    }

    [Fact]
    public void RocAuc_OneClassOnly_Throws()
    {
        Assert.Throws<ArgumentException>(() => Metrics.RocAuc([false, false], [0.1, 0.2]));
    }
}
