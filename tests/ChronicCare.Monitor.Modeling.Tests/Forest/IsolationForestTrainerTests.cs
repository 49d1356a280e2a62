using ChronicCare.Monitor.Modeling.Evaluation;
using ChronicCare.Monitor.Modeling.Forest;
using ChronicCare.Monitor.Modeling.Tests.Support;
using ChronicCare.Monitor.Outliers;
using Xunit;

namespace ChronicCare.Monitor.Modeling.Tests.Forest;

public class IsolationForestTrainerTests
{
    private static readonly (double[][] Rows, bool[] Anomaly) Train = Synthetic.Blob(1000, 20, 1);
    private static readonly (double[][] Rows, bool[] Anomaly) Test = Synthetic.Blob(500, 25, 2);

    [Fact]
    public void Train_SameSeed_GivesIdenticalJsonAndScores()
    {
        var a = IsolationForestTrainer.Train(Train.Rows, new(50, 128, 7));
        var b = IsolationForestTrainer.Train(Train.Rows, new(50, 128, 7));

        Assert.Equal(Json.Write(a.Write), Json.Write(b.Write));
        Assert.All(Test.Rows, r => Assert.Equal(a.Score(r), b.Score(r)));
    }

    [Fact]
    public void Train_DifferentSeed_GivesDifferentModel()
    {
        var a = IsolationForestTrainer.Train(Train.Rows, new(50, 128, 7));
        var b = IsolationForestTrainer.Train(Train.Rows, new(50, 128, 8));

        Assert.NotEqual(Json.Write(a.Write), Json.Write(b.Write));
    }

    [Fact]
    public void Train_Defaults_GrowsTreesOfTheHeightLimit()
    {
        var forest = IsolationForestTrainer.Train(Train.Rows, new());

        Assert.Equal(200, forest.TreeCount);
        Assert.Equal(256, forest.SampleSize);
        Assert.True(Enumerable.Range(0, forest.TreeCount).All(t => Depth(forest.Tree(t), 0) <= 8));
    }

    [Fact]
    public void Score_PlantedOutlierCluster_RocAucAbove095()
    {
        var forest = IsolationForestTrainer.Train(Train.Rows, new(100, 256, 3));

        var auc = Metrics.RocAuc(Test.Anomaly, [.. Test.Rows.Select(r => forest.Score(r))]);

        Assert.True(auc > 0.95, $"ROC-AUC {auc}");
    }

    [Fact]
    public void Train_ConstantFeature_NeverSplitsOnIt()
    {
        var rows = Train.Rows.Select(r => r.Select((v, j) => j == 4 ? 1.0 : v).ToArray()).ToArray();

        var forest = IsolationForestTrainer.Train(rows, new(30, 256, 5));

        Assert.DoesNotContain(Enumerable.Range(0, forest.TreeCount).SelectMany(forest.Tree), n => n.Feature == 4);
    }

    [Fact]
    public void Score_FewerRowsThanSampleSize_UsesAllRows()
    {
        var forest = IsolationForestTrainer.Train(Train.Rows[..40], new(10, 256, 5));

        Assert.Equal(40, forest.SampleSize);
        Assert.Equal(40, forest.Tree(0)[0].Size);
    }

    private static int Depth(IReadOnlyList<IsolationNode> tree, int i) =>
        tree[i].IsLeaf ? 0 : 1 + Math.Max(Depth(tree, tree[i].Left), Depth(tree, tree[i].Right));
}
