namespace ChronicCare.Monitor.Simulation.Synthea;

/// <summary>
/// Expands one medication row (START..STOP, DISPENSES) into fills the way a Chinese chronic-benefit system would
/// record the history: refills are monthly, so Synthea's dispenses are merged until each fill spans at least
/// <see cref="MinSpacingDays"/> days. With P the period in days, the row gets
/// n = max(1, min(DISPENSES, floor(P / 28))) fills (DISPENSES 0 = unknown: as many monthly fills as fit) on the
/// dates START + floor(i × P / n); the spacing of a fill is the days to the next one (the last one: to STOP).
/// days_supply = the spacing when it is at most 30 days; a spacing of 31..84 days is a long prescription
/// (长期处方) of that many days; a longer spacing means the patient did not fetch continuously (e.g. 10
/// dispenses over 25 years), so the fill supplies <see cref="MonthDays"/> days and leaves a gap until the next.
/// </summary>
internal static class FillPlanner
{
    public const int MinSpacingDays = 28;
    public const int MonthDays = 30;
    public const int LongPrescriptionDays = 84;

    /// <param name="merged">Set when fewer fills than DISPENSES were planned (dispenses merged into monthly fills).</param>
    public static List<(DateOnly Date, int DaysSupply, bool LongPrescription)> Plan(DateOnly start, DateOnly stop, int dispenses, out bool merged)
    {
        var period = Math.Max(0, stop.DayNumber - start.DayNumber);
        var monthly = Math.Max(1, period / MinSpacingDays);
        var n = dispenses <= 0 ? monthly : Math.Min(dispenses, monthly);
        merged = dispenses > n;
        var fills = new List<(DateOnly, int, bool)>(n);
        for (var i = 0; i < n; i++)
        {
            var from = (int)((long)i * period / n);
            var to = (int)((long)(i + 1) * period / n);
            var spacing = Math.Max(1, to - from);
            fills.Add(spacing switch
            {
                <= MonthDays => (start.AddDays(from), spacing, false),
                <= LongPrescriptionDays => (start.AddDays(from), spacing, true),
                _ => (start.AddDays(from), MonthDays, false),
            });
        }

        return fills;
    }
}
