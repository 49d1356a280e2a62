using ChronicCare.Monitor.Modeling.Pca;
using ChronicCare.Monitor.Modeling.Tests.Support;
using ChronicCare.Monitor.Outliers;
using Xunit;

namespace ChronicCare.Monitor.Modeling.Tests.Pca;

public class PcaScorerTests
{
    private static readonly double[][] Rows = Synthetic.Blob(1000, 0, 21).Rows;

    [Theory]
    [InlineData(PcaScoreMode.Mahalanobis)]
    [InlineData(PcaScoreMode.Reconstruction)]
    public void Read_WhatWriteWrote_ScoresAndExplainsIdentically(PcaScoreMode mode)
    {
        var pca = PcaTrainer.Train(Rows, new(mode, Components: 3));
        var json = Json.Write(pca.Write);

        var read = PcaScorer.Read(Json.Parse(json));

        Assert.Equal(json, Json.Write(read.Write));
        Assert.Equal(mode, read.Mode);
        foreach (var row in Rows.Take(200).Append(Synthetic.Outlier()))
        {
            Assert.Equal(pca.Score(row), read.Score(row));
        }
    }

    [Fact]
    public void Score_HandBuiltComponents_ReconstructionAndMahalanobis()
    {
        // Components along the axes of 3-space, variances 4 and 1; x − μ = (2, 1, 3).
        double[] mean = [1, 1, 1];
        double[] components = [1, 0, 0, 0, 1, 0];
        var x = new double[] { 3, 2, 4 };

        Assert.Equal(9, new PcaScorer(mean, components, [4, 1], PcaScoreMode.Reconstruction).Score(x), 12);
        Assert.Equal((4 / 4.0) + (1 / 1.0), new PcaScorer(mean, components, [4, 1], PcaScoreMode.Mahalanobis).Score(x), 12);
    }

    [Theory]
    [InlineData(PcaScoreMode.Mahalanobis)]
    [InlineData(PcaScoreMode.Reconstruction)]
    public void Explain_PlantedOutlier_SharesNonNegativeSumToOneDeviatingFeatureLargest(PcaScoreMode mode)
    {
        var pca = PcaTrainer.Train(Rows, new(mode, Components: mode == PcaScoreMode.Reconstruction ? 2 : null));
        var shares = new double[Synthetic.Dimensions];

        pca.Explain(Synthetic.Outlier(), shares);

        Assert.All(shares, s => Assert.True(s >= 0));
        Assert.Equal(1, shares.Sum(), 12);
        Assert.Equal(Synthetic.Deviating, Array.IndexOf(shares, shares.Max()));
    }

    [Fact]
    public void Explain_MahalanobisHandBuilt_SharesOfTheWhitenedDeviation()
    {
        // Variances 4 and 1 along the axes; x − μ = (2, 1) whitens to (1, 1): equal shares of a score of 2, although
        // the raw deviation is twice as large on the first feature.
        var pca = new PcaScorer([0, 0], [1, 0, 0, 1], [4, 1], PcaScoreMode.Mahalanobis);
        var shares = new double[2];

        pca.Explain([2, 1], shares);

        Assert.Equal(2, pca.Score([2, 1]), 12);
        Assert.Equal(0.5, shares[0], 12);
        Assert.Equal(0.5, shares[1], 12);
    }

    [Fact]
    public void Score_Warm_AllocatesNothing()
    {
        var pca = PcaTrainer.Train(Rows, new());
        var x = Synthetic.Outlier();
        var sum = pca.Score(x);
        var before = GC.GetAllocatedBytesForCurrentThread();

        for (var i = 0; i < 1000; i++)
        {
            sum += pca.Score(x);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(sum > 0);
    }

    [Fact]
    public void Constructor_NotOrthonormal_ThrowsNamingIt()
    {
        var e = Assert.Throws<ModelFormatException>(() => new PcaScorer([0, 0], [1, 0, 1, 0], [1, 1], PcaScoreMode.Mahalanobis));

        Assert.Contains("orthonormal", e.Message, StringComparison.Ordinal);
    }
}
