namespace ChronicCare.Monitor.Rules;

/// <summary>
/// For R11: running sums of drug-line amounts per (disease, calendar month) and (disease, calendar quarter),
/// accumulated in supply order.
/// </summary>
internal sealed class QuotaTracker
{
    private readonly Dictionary<(string Disease, int Month), decimal> _months;
    private readonly Dictionary<(string Disease, int Quarter), decimal> _quarters;

    public QuotaTracker()
    {
        _months = [];
        _quarters = [];
    }

    private QuotaTracker(Dictionary<(string, int), decimal> months, Dictionary<(string, int), decimal> quarters)
    {
        _months = months;
        _quarters = quarters;
    }

    public static int MonthIndex(DateOnly d) => (d.Year * 12) + d.Month - 1;

    public static int QuarterIndex(DateOnly d) => (d.Year * 4) + ((d.Month - 1) / 3);

    /// <summary>Adds a settlement's drug amount; returns the running month and quarter sums including it.</summary>
    public (decimal Month, decimal Quarter) Add(string disease, DateOnly date, decimal drugAmount)
    {
        var mk = (disease, MonthIndex(date));
        var qk = (disease, QuarterIndex(date));
        var m = _months.GetValueOrDefault(mk) + drugAmount;
        var q = _quarters.GetValueOrDefault(qk) + drugAmount;
        _months[mk] = m;
        _quarters[qk] = q;
        return (m, q);
    }

    /// <summary>The month's running sum so far (before any settlement not yet added).</summary>
    public decimal MonthSum(string disease, DateOnly date) => _months.GetValueOrDefault((disease, MonthIndex(date)));

    /// <summary>For persistence: the running sums per (disease, month index) and per (disease, quarter index).</summary>
    internal (IReadOnlyList<(string Disease, int Index, decimal Sum)> Months, IReadOnlyList<(string Disease, int Index, decimal Sum)> Quarters) Export() => (
        _months.Select(kv => (kv.Key.Disease, kv.Key.Month, kv.Value)).ToList(),
        _quarters.Select(kv => (kv.Key.Disease, kv.Key.Quarter, kv.Value)).ToList());

    /// <summary>The inverse of <see cref="Export"/>.</summary>
    internal static QuotaTracker Import(IEnumerable<(string Disease, int Index, decimal Sum)> months, IEnumerable<(string Disease, int Index, decimal Sum)> quarters) => new(
        months.ToDictionary(e => (e.Disease, e.Index), e => e.Sum),
        quarters.ToDictionary(e => (e.Disease, e.Index), e => e.Sum));

    public QuotaTracker Clone() => new(new Dictionary<(string, int), decimal>(_months), new Dictionary<(string, int), decimal>(_quarters));

    /// <summary>Keeps only the sums of the month and quarter the horizon falls in, or later.</summary>
    public QuotaTracker Snapshot(DateOnly horizon) => new(
        _months.Where(kv => kv.Key.Month >= MonthIndex(horizon)).ToDictionary(kv => kv.Key, kv => kv.Value),
        _quarters.Where(kv => kv.Key.Quarter >= QuarterIndex(horizon)).ToDictionary(kv => kv.Key, kv => kv.Value));
}
