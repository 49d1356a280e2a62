using ChronicCare.Monitor.Modeling.Forest;
using ChronicCare.Monitor.Modeling.Tests.Support;
using ChronicCare.Monitor.Outliers;
using Xunit;

namespace ChronicCare.Monitor.Modeling.Tests.Forest;

public class IsolationForestTests
{
    private static readonly double[][] Rows = Synthetic.Blob(1000, 0, 11).Rows;
    private static readonly IsolationForest Forest = IsolationForestTrainer.Train(Rows, new(100, 256, 4));

    [Fact]
    public void Read_WhatWriteWrote_ScoresAndExplainsIdentically()
    {
        var json = Json.Write(Forest.Write);

        var read = IsolationForest.Read(Json.Parse(json));

        Assert.Equal(json, Json.Write(read.Write));
        foreach (var row in Rows.Take(200).Append(Synthetic.Outlier()))
        {
            Assert.Equal(Forest.Score(row), read.Score(row));
        }
    }

    [Fact]
    public void Score_HandBuiltTree_IsLiuEtAlFormula()
    {
        // Root splits feature 0 at 0.5: the left leaf held 1 sample (path 1), the right one 3 (path 1 + c(3)).
        IsolationNode[] tree = [new(0, 0.5, 1, 2, 4), IsolationNode.Leaf(1), IsolationNode.Leaf(3)];
        var forest = new IsolationForest(1, 4, [tree]);

        Assert.Equal(Math.Pow(2, -1 / IsolationForest.AveragePathLength(4)), forest.Score([0.2]), 12);
        Assert.Equal(Math.Pow(2, -(1 + IsolationForest.AveragePathLength(3)) / IsolationForest.AveragePathLength(4)), forest.Score([0.9]), 12);
        Assert.Equal(Math.Pow(2, -1 / IsolationForest.AveragePathLength(4)), forest.Score([0.5]), 12);
    }

    [Fact]
    public void AveragePathLength_SmallCounts_MatchScikitLearn()
    {
        Assert.Equal(0, IsolationForest.AveragePathLength(1));
        Assert.Equal(1, IsolationForest.AveragePathLength(2));
        // 2 (ln 255 + γ) − 2 · 255 / 256
        Assert.Equal(10.244770920119918, IsolationForest.AveragePathLength(256), 9);
    }

    [Fact]
    public void Score_OutlierFarOutOnOneFeature_AboveThreeInFourTrainingRows()
    {
        // Beyond the training range a forest cannot tell 9σ from the sample's maximum, and four of the five features are
        // ordinary: the score is high (about the 82nd percentile here), not extreme. A known limit of axis-parallel cuts.
        var training = Rows.Select(r => Forest.Score(r)).Order().ToArray();

        Assert.True(Forest.Score(Synthetic.Outlier()) > training[(int)(0.75 * training.Length)]);
        Assert.True(Forest.Score(new double[Synthetic.Dimensions]) < training[training.Length / 2]);
    }

    [Fact]
    public void Explain_PlantedOutlier_SharesNonNegativeSumToOneDeviatingFeatureLargest()
    {
        var shares = new double[Synthetic.Dimensions];

        Forest.Explain(Synthetic.Outlier(), shares);

        Assert.All(shares, s => Assert.True(s >= 0));
        Assert.Equal(1, shares.Sum(), 12);
        Assert.Equal(Synthetic.Deviating, Array.IndexOf(shares, shares.Max()));
    }

    [Fact]
    public void Score_Warm_AllocatesNothing()
    {
        var x = Synthetic.Outlier();
        var sum = Forest.Score(x);
        var before = GC.GetAllocatedBytesForCurrentThread();

        for (var i = 0; i < 1000; i++)
        {
            sum += Forest.Score(x);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(sum > 0);
    }

    [Fact]
    public void Score_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => Forest.Score(new double[3]));
    }
}
