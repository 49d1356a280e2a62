namespace ChronicCare.Monitor.Outliers;

/// <summary>How <see cref="PcaScorer"/> turns a vector's principal-component projections into a score.</summary>
public enum PcaScoreMode
{
    /// <summary>
    /// Squared reconstruction error ‖x − μ‖² − Σₖ ((x − μ)·wₖ)² over the k kept components (what ML.NET's RandomizedPca
    /// scores): distance from the principal subspace, blind to extremes along it.
    /// </summary>
    Reconstruction,

    /// <summary>
    /// Σₖ ((x − μ)·wₖ)² / λₖ over the kept components (PyOD's PCA weighs each by its variance too): with every component
    /// kept, the squared Mahalanobis distance, so a deviation along a low-variance direction counts the most.
    /// </summary>
    Mahalanobis,
}
