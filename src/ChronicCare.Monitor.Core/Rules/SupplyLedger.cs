namespace ChronicCare.Monitor.Rules;

/// <summary>One ingredient of a persisted <see cref="SupplyLedger"/>: covered_until (a day number) and the lines still active.</summary>
internal readonly record struct LedgerEntry(string Ingredient, int CoveredUntil, IReadOnlyList<SupplyLine> Lines);

/// <summary>An ingredient's last fill (day number and drug), remembered for the outlier features only.</summary>
internal readonly record struct LastFill(string Ingredient, int Day, string Drug);

/// <summary>A drug line in the supply model: covers the days [Date, Date + DaysSupply).</summary>
internal readonly record struct SupplyLine(string SettlementId, string FacilityId, DateOnly Date, int DaysSupply, string DrugCode, int LineNo)
{
    public int EndDay => Date.DayNumber + DaysSupply;
}

/// <summary>
/// The contract §3 supply model for one patient: per ingredient, lines stacked in supply order with
/// <c>covered_until = max(covered_until, D) + d</c>, and the lines still active (D' + d' &gt; D) for R03.
/// Lines that ended before the current service date can never be active again (later lines sort later), so
/// they are dropped as the scan goes; that is also what lets the ledger be carried across pruning.
/// Apart from the supply, each ingredient's last fill (day and drug) is remembered for the outlier features (R15),
/// kept across pruning while it is within <see cref="FillMemoryDays"/> of the horizon, so the features read the same
/// whether or not older history was pruned. The supply rules never read that memory: what R01/R03 see of a carry is
/// exactly the supply still running at the horizon.
/// </summary>
internal sealed class SupplyLedger
{
    private readonly Dictionary<string, Ingredient> _byIngredient;
    private readonly Dictionary<string, (int Day, string Drug)> _lastFills;

    public SupplyLedger()
    {
        _byIngredient = new Dictionary<string, Ingredient>(StringComparer.Ordinal);
        _lastFills = new Dictionary<string, (int, string)>(StringComparer.Ordinal);
    }

    private SupplyLedger(Dictionary<string, Ingredient> byIngredient, Dictionary<string, (int Day, string Drug)> lastFills)
    {
        _byIngredient = byIngredient;
        _lastFills = lastFills;
    }

    /// <summary>The state before stacking a line of <paramref name="ingredient"/> dispensed on <paramref name="date"/>.</summary>
    public (int RemainingDays, DateOnly? CoveredUntil, IReadOnlyList<SupplyLine> ActiveEarlier) Before(string ingredient, DateOnly date)
    {
        if (!_byIngredient.TryGetValue(ingredient, out var ing))
        {
            return (0, null, []);
        }

        var d = date.DayNumber;
        var lines = ing.Lines;
        var kept = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].EndDay > d)
            {
                lines[kept++] = lines[i];
            }
        }

        lines.RemoveRange(kept, lines.Count - kept);
        var remaining = Math.Max(0, ing.CoveredUntil - d);
        // Copy the active lines only when they will be cited (an alert needs remaining supply first).
        return (remaining, DateOnly.FromDayNumber(ing.CoveredUntil), remaining > 0 ? lines.ToArray() : []);
    }

    /// <summary>How long after its last fill an ingredient is remembered (the cap of the days-since-last-fill feature).</summary>
    public const int FillMemoryDays = 180;

    public void Stack(string ingredient, SupplyLine line)
    {
        if (!_byIngredient.TryGetValue(ingredient, out var ing))
        {
            ing = new Ingredient { CoveredUntil = line.Date.DayNumber };
            _byIngredient[ingredient] = ing;
        }

        ing.CoveredUntil = Math.Max(ing.CoveredUntil, line.Date.DayNumber) + line.DaysSupply;
        ing.Lines.Add(line);
        _lastFills[ingredient] = (line.Date.DayNumber, line.DrugCode);
    }

    /// <summary>
    /// Without changing anything: the days of supply left on <paramref name="date"/> and the ingredient's last fill
    /// (day number and drug) if it was within <see cref="FillMemoryDays"/> days.
    /// </summary>
    public (int RemainingDays, int? LastFillDay, string? LastDrug) Peek(string ingredient, DateOnly date)
    {
        var d = date.DayNumber;
        var remaining = _byIngredient.TryGetValue(ingredient, out var ing) ? Math.Max(0, ing.CoveredUntil - d) : 0;
        return _lastFills.TryGetValue(ingredient, out var last) && d - last.Day < FillMemoryDays
            ? (remaining, last.Day, last.Drug)
            : (remaining, null, null);
    }

    /// <summary>A copy for the carry kept when older history is pruned; ingredients fully used up before <paramref name="horizon"/> are left out.</summary>
    public SupplyLedger Snapshot(DateOnly horizon)
    {
        var h = horizon.DayNumber;
        var copy = new Dictionary<string, Ingredient>(StringComparer.Ordinal);
        foreach (var (key, ing) in _byIngredient)
        {
            if (ing.CoveredUntil > h)
            {
                copy[key] = new Ingredient { CoveredUntil = ing.CoveredUntil, Lines = ing.Lines.Where(l => l.EndDay > h).ToList() };
            }
        }

        var fills = _lastFills.Where(kv => kv.Value.Day >= h - FillMemoryDays).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        return new SupplyLedger(copy, fills);
    }

    public SupplyLedger Clone() => new(
        _byIngredient.ToDictionary(kv => kv.Key, kv => new Ingredient { CoveredUntil = kv.Value.CoveredUntil, Lines = [.. kv.Value.Lines] }, StringComparer.Ordinal),
        new Dictionary<string, (int, string)>(_lastFills, StringComparer.Ordinal));

    /// <summary>For persistence: per ingredient, covered_until (a day number) and the lines still active.</summary>
    internal IReadOnlyList<LedgerEntry> Export() =>
        _byIngredient.Select(kv => new LedgerEntry(kv.Key, kv.Value.CoveredUntil, kv.Value.Lines)).ToList();

    /// <summary>For persistence: the remembered last fills.</summary>
    internal IReadOnlyList<LastFill> ExportLastFills() => _lastFills.Select(kv => new LastFill(kv.Key, kv.Value.Day, kv.Value.Drug)).ToList();

    /// <summary>The inverse of <see cref="Export"/> and <see cref="ExportLastFills"/> (no last fills: a carry written before they were kept).</summary>
    internal static SupplyLedger Import(IEnumerable<LedgerEntry> entries, IEnumerable<LastFill> lastFills) => new(
        entries.ToDictionary(e => e.Ingredient, e => new Ingredient { CoveredUntil = e.CoveredUntil, Lines = [.. e.Lines] }, StringComparer.Ordinal),
        lastFills.ToDictionary(f => f.Ingredient, f => (f.Day, f.Drug), StringComparer.Ordinal));

    private sealed class Ingredient
    {
        public int CoveredUntil { get; set; }

        public List<SupplyLine> Lines { get; init; } = [];
    }
}
