namespace ChronicCare.Monitor.Simulation;

/// <summary>
/// Cost limits as shares of a disease's monthly quota, in one place because they only work together.
/// Ordinary regimens cost 35-55% of the quota per 30 days, so the median patient-month sits near 45%: R13's
/// threshold (3 × median) is then about 1.35 × quota. Ordinary months stay under 0.95 × quota in total, well
/// below it even for diseases whose median is lower (0.32 × quota still gives 0.96); edited months of
/// non-R13 patterns stay under 1.0 × quota, and a quota overrun (R11) goes at most to 1.15 × quota, so R11
/// never drags R13 along.
/// </summary>
internal static class CostBands
{
    public const double RegularLow = 0.35;
    public const double RegularHigh = 0.55;

    /// <summary>Never above this per 30 days, whatever the band search found.</summary>
    public const double RegularCap = 0.6;

    /// <summary>Long prescriptions: per 30 days, so that an 84-day fill stays under 0.9 × quota.</summary>
    public const double LongLow = 0.18;
    public const double LongHigh = 0.32;

    /// <summary>An ordinary refill waits for the next month rather than take the month's drugs over this.</summary>
    public const double OrdinaryMonthDrugs = 0.92;

    /// <summary>Exams and fees are left out rather than take an ordinary month's total over this.</summary>
    public const double OrdinaryMonthTotal = 0.95;

    /// <summary>Months edited by patterns that are not about cost (and R12 inflation) stay within this.</summary>
    public const double EditedMonthTotal = 1.0;

    /// <summary>The quota-overrun pattern's month total stays within this (R11 without R13).</summary>
    public const double OverrunMonthTotal = 1.15;
}
