namespace ChronicCare.Monitor.Simulation.Synthea;

/// <summary>
/// Expands one medication row (START..STOP, DISPENSES) into fills that tile the period: n fills on the dates
/// START + floor(i × P / n), where P is the period in days, each supplying the days until the next fill (the last
/// one until STOP), at least 1. n is DISPENSES, capped at P (never two fills of one row on one day); with
/// DISPENSES 0 the fills are every 30 days. Nominal days_supply = max(1, round(P / n)).
/// </summary>
internal static class FillPlanner
{
    public const int DefaultFillDays = 30;

    public static List<(DateOnly Date, int DaysSupply)> Plan(DateOnly start, DateOnly stop, int dispenses, out bool capped)
    {
        var period = Math.Max(0, stop.DayNumber - start.DayNumber);
        var fills = new List<(DateOnly, int)>();
        capped = false;
        if (dispenses <= 0)
        {
            if (period == 0)
            {
                fills.Add((start, DefaultFillDays));
                return fills;
            }

            for (var offset = 0; offset < period; offset += DefaultFillDays)
            {
                fills.Add((start.AddDays(offset), Math.Min(DefaultFillDays, period - offset)));
            }

            return fills;
        }

        var n = dispenses;
        if (n > Math.Max(1, period))
        {
            n = Math.Max(1, period);
            capped = true;
        }

        if (period == 0)
        {
            fills.Add((start, 1));
            return fills;
        }

        for (var i = 0; i < n; i++)
        {
            var from = (int)((long)i * period / n);
            var to = (int)((long)(i + 1) * period / n);
            fills.Add((start.AddDays(from), Math.Max(1, to - from)));
        }

        return fills;
    }
}
