using ChronicCare.Monitor.Modeling.Evaluation;
using ChronicCare.Monitor.Modeling.Pca;
using ChronicCare.Monitor.Modeling.Tests.Support;
using ChronicCare.Monitor.Outliers;
using Xunit;

namespace ChronicCare.Monitor.Modeling.Tests.Pca;

public class PcaTrainerTests
{
    private static readonly (double[][] Rows, bool[] Anomaly) Train = Synthetic.Blob(1000, 20, 1);
    private static readonly (double[][] Rows, bool[] Anomaly) Test = Synthetic.Blob(500, 25, 2);

    [Fact]
    public void Train_SameData_GivesIdenticalJsonAndScores()
    {
        var a = PcaTrainer.Train(Train.Rows, new());
        var b = PcaTrainer.Train(Train.Rows, new());

        Assert.Equal(Json.Write(a.Write), Json.Write(b.Write));
        Assert.All(Test.Rows, r => Assert.Equal(a.Score(r), b.Score(r)));
    }

    [Theory]
    [InlineData(PcaScoreMode.Mahalanobis)]
    [InlineData(PcaScoreMode.Reconstruction)]
    public void Score_PlantedOutlierCluster_RocAucAbove095(PcaScoreMode mode)
    {
        // Train on the ordinary blob: a contaminated fit lets the outliers' feature claim a top component.
        var pca = PcaTrainer.Train(Train.Rows[..1000], new(mode, Components: mode == PcaScoreMode.Reconstruction ? 3 : null));

        var auc = Metrics.RocAuc(Test.Anomaly, [.. Test.Rows.Select(r => pca.Score(r))]);

        Assert.True(auc > 0.95, $"ROC-AUC {auc}");
    }

    [Fact]
    public void Train_Defaults_KeepsEveryComponentInDecreasingVariance()
    {
        var pca = PcaTrainer.Train(Train.Rows, new());

        Assert.Equal(Synthetic.Dimensions, pca.Components);
        Assert.Equal(PcaScoreMode.Mahalanobis, pca.Mode);
    }

    [Fact]
    public void Score_MahalanobisOnCorrelatedPair_MatchesClosedForm()
    {
        // x = (a, a + small noise): the direction (1, −1) has tiny variance, so a step along it scores far more than along (1, 1).
        var rng = new DeterministicRng(9);
        var rows = Enumerable.Range(0, 2000).Select(_ =>
        {
            var a = rng.NextDouble() - 0.5;
            return new[] { a, a + (0.05 * (rng.NextDouble() - 0.5)) };
        }).ToArray();
        var pca = PcaTrainer.Train(rows, new(PcaScoreMode.Mahalanobis) { EigenvalueFloor = 0 });

        Assert.True(pca.Score([0.1, -0.1]) > 50 * pca.Score([0.1, 0.1]));
    }

    [Fact]
    public void Train_VarianceFraction_KeepsFewestComponentsReachingIt()
    {
        var pca = PcaTrainer.Train(Train.Rows, new(PcaScoreMode.Reconstruction, VarianceFraction: 0.5));

        Assert.InRange(pca.Components, 2, 3);
    }
}
