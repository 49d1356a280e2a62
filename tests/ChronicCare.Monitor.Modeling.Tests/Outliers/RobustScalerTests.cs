using ChronicCare.Monitor.Modeling.Tests.Support;
using ChronicCare.Monitor.Outliers;
using Xunit;

namespace ChronicCare.Monitor.Modeling.Tests.Outliers;

public class RobustScalerTests
{
    [Fact]
    public void Fit_SpreadMostlyConstantAndConstantColumns_IqrThenStandardDeviationThenOne()
    {
        // Column 0: 1..8, quartiles 2.75 and 6.25 (linear interpolation), median 4.5. Column 1: seven 0s and a 9, so
        // IQR 0 and MAD 0: the standard deviation, √(9²·⅛·⅞·8/7) = 3.1819…, scales the rare departure. Column 2: constant, 1.
        double[][] rows = [[1, 0, 2], [2, 0, 2], [3, 0, 2], [4, 0, 2], [5, 0, 2], [6, 0, 2], [7, 0, 2], [8, 9, 2]];

        var scaler = RobustScaler.Fit(rows);

        Assert.Equal([4.5, 0, 2], scaler.Median);
        Assert.Equal(3.5 / 1.349, scaler.Scale[0], 12);
        Assert.Equal(Math.Sqrt(((7 * 1.125 * 1.125) + (7.875 * 7.875)) / 7), scaler.Scale[1], 12);
        Assert.Equal(1, scaler.Scale[2]);
    }

    [Fact]
    public void Transform_CentresAndScales()
    {
        var scaler = new RobustScaler([1, 10], [2, 0.5]);
        var scaled = new double[2];

        scaler.Transform([5, 9], scaled);

        Assert.Equal([2, -2], scaled);
    }

    [Fact]
    public void Read_WhatWriteWrote_TransformsIdentically()
    {
        var rows = Synthetic.Blob(300, 5, 3).Rows;
        var scaler = RobustScaler.Fit(rows);
        var json = Json.Write(scaler.Write);

        var read = RobustScaler.Read(Json.Parse(json));

        Assert.Equal(json, Json.Write(read.Write));
        Assert.All(rows, r => Assert.Equal(scaler.Transform(r), read.Transform(r)));
    }

    [Fact]
    public void Read_ZeroScale_ThrowsNamingTheFeature()
    {
        var e = Assert.Throws<ModelFormatException>(() => RobustScaler.Read(Json.Parse("""{"median":[0,0],"scale":[1,0]}""")));

        Assert.Contains("feature 1", e.Message, StringComparison.Ordinal);
    }
}
