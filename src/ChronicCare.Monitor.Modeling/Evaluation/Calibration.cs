namespace ChronicCare.Monitor.Modeling.Evaluation;

/// <summary>Turns a target alert rate into a score threshold on a reference set of scores.</summary>
internal static class Calibration
{
    /// <summary>
    /// The threshold t such that the m = ⌊rate × n⌋ highest scores are strictly above it: t is the (m + 1)-th highest
    /// score, so exactly m lie above when scores are distinct. Ties at t are never above it, so ties straddling the
    /// cut leave fewer than m above (an alert rate errs low, never high). rate 0 gives the highest score (none above);
    /// rate 1 gives −∞ (all above).
    /// </summary>
    public static double ThresholdForRate(IReadOnlyList<double> scores, double rate)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count == 0)
        {
            throw new ArgumentException("no scores to calibrate on", nameof(scores));
        }

        if (rate is < 0 or > 1 || double.IsNaN(rate))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "must be in [0, 1]");
        }

        if (scores.Any(s => !double.IsFinite(s)))
        {
            throw new ArgumentException("a score is not finite", nameof(scores));
        }

        // A hair of tolerance so 0.01 × 1000 counts 10, not 9, after rounding.
        var m = (int)Math.Floor((rate * scores.Count) + 1e-9);
        if (m >= scores.Count)
        {
            return double.NegativeInfinity;
        }

        var descending = scores.OrderByDescending(s => s).ToArray();
        return descending[m];
    }
}
