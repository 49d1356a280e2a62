namespace ChronicCare.Monitor.Outliers;

/// <summary>
/// The seam to an outlier model (R15, seed Chongqing 三(二) 智能分析): scores a settlement's scaled feature vector,
/// higher meaning further from ordinary settlements. Isolation Forest and PCA reconstruction error implement it on
/// MathNet-trained parameters; an ML.NET scorer could implement it where that registry is available.
/// Implementations are immutable and thread-safe (a flush scores patients on several cores).
/// </summary>
public interface IOutlierScorer
{
    /// <summary>The length of the vectors it scores.</summary>
    int Dimensions { get; }

    /// <summary>The anomaly score of <paramref name="x"/> (length <see cref="Dimensions"/>): higher is more anomalous.</summary>
    double Score(ReadOnlySpan<double> x);

    /// <summary>
    /// Writes each feature's non-negative share in the score of <paramref name="x"/> into <paramref name="contributions"/>
    /// (length <see cref="Dimensions"/>, summing to 1 unless all are 0), for the evidence a reviewer reads.
    /// </summary>
    void Explain(ReadOnlySpan<double> x, Span<double> contributions);
}
