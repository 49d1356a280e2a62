using ChronicCare.Monitor.Modeling.Evaluation;
using Xunit;

namespace ChronicCare.Monitor.Modeling.Tests.Evaluation;

public class CalibrationTests
{
    [Theory]
    [InlineData(0.01, 10)]
    [InlineData(0.05, 50)]
    [InlineData(0.123, 123)]
    [InlineData(0, 0)]
    [InlineData(1, 1000)]
    public void ThresholdForRate_DistinctScores_ExactlyTheRateAbove(double rate, int expectedAbove)
    {
        var scores = Enumerable.Range(0, 1000).Select(i => Math.Sin(i * 12.9898) * 43758.5453 % 1).ToArray();
        Assert.Equal(1000, scores.Distinct().Count());

        var threshold = Calibration.ThresholdForRate(scores, rate);

        Assert.Equal(expectedAbove, scores.Count(s => s > threshold));
    }

    [Fact]
    public void ThresholdForRate_TieAtTheCut_FewerAboveNeverMore()
    {
        double[] scores = [1, 2, 3, 3, 3, 4, 5, 6, 7, 8];

        var threshold = Calibration.ThresholdForRate(scores, 0.6);

        Assert.Equal(3, threshold);
        Assert.Equal(5, scores.Count(s => s > threshold));
    }

    [Fact]
    public void ThresholdForRate_RateOutsideZeroOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calibration.ThresholdForRate([1, 2], 1.5));
    }
}
