using ChronicCare.Monitor.Modeling.Forest;
using ChronicCare.Monitor.Modeling.Pca;
using ChronicCare.Monitor.Modeling.Tests.Support;
using ChronicCare.Monitor.Outliers;
using Xunit;

namespace ChronicCare.Monitor.Modeling.Tests.Outliers;

public class OutlierScorersTests
{
    private static readonly double[][] Rows = Synthetic.Blob(300, 5, 8).Rows;

    public static TheoryData<string> Kinds => [IsolationForest.Kind, PcaScorer.Kind];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Read_WhatWriteWroteUnderItsKind_ScoresIdentically(string kind)
    {
        IOutlierScorer scorer = kind == IsolationForest.Kind
            ? IsolationForestTrainer.Train(Rows, new(20, 64, 3))
            : PcaTrainer.Train(Rows, new());

        var read = OutlierScorers.Read(OutlierScorers.KindOf(scorer), Json.Parse(Json.Write(w => OutlierScorers.Write(scorer, w))));

        Assert.Equal(kind, OutlierScorers.KindOf(read));
        Assert.All(Rows, r => Assert.Equal(scorer.Score(r), read.Score(r)));
    }
}
