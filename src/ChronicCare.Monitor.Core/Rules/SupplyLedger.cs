namespace ChronicCare.Monitor.Rules;

/// <summary>One ingredient of a persisted <see cref="SupplyLedger"/>.</summary>
internal readonly record struct LedgerEntry(string Ingredient, int CoveredUntil, IReadOnlyList<SupplyLine> Lines, int LastFillDay, string? LastDrug);

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
/// Each ingredient also remembers its last fill (day and drug) for the outlier features (R15); an ingredient whose
/// supply ended is kept while that fill is within <see cref="FillMemoryDays"/> of the horizon, so the features read
/// the same whether or not older history was pruned.
/// </summary>
internal sealed class SupplyLedger
{
    private readonly Dictionary<string, Ingredient> _byIngredient;

    public SupplyLedger()
    {
        _byIngredient = new Dictionary<string, Ingredient>(StringComparer.Ordinal);
    }

    private SupplyLedger(Dictionary<string, Ingredient> byIngredient)
    {
        _byIngredient = byIngredient;
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
        ing.LastFillDay = line.Date.DayNumber;
        ing.LastDrug = line.DrugCode;
    }

    /// <summary>
    /// Without changing anything: the days of supply left on <paramref name="date"/> and the ingredient's last fill
    /// (day number and drug) if it was within <see cref="FillMemoryDays"/> days.
    /// </summary>
    public (int RemainingDays, int? LastFillDay, string? LastDrug) Peek(string ingredient, DateOnly date)
    {
        if (!_byIngredient.TryGetValue(ingredient, out var ing))
        {
            return (0, null, null);
        }

        var d = date.DayNumber;
        var recent = ing.LastDrug is not null && d - ing.LastFillDay < FillMemoryDays;
        return (Math.Max(0, ing.CoveredUntil - d), recent ? ing.LastFillDay : null, recent ? ing.LastDrug : null);
    }

    /// <summary>A copy for the carry kept when older history is pruned; ingredients fully used up before <paramref name="horizon"/> are left out.</summary>
    public SupplyLedger Snapshot(DateOnly horizon)
    {
        var h = horizon.DayNumber;
        var copy = new Dictionary<string, Ingredient>(StringComparer.Ordinal);
        foreach (var (key, ing) in _byIngredient)
        {
            if (ing.CoveredUntil > h || (ing.LastDrug is not null && ing.LastFillDay >= h - FillMemoryDays))
            {
                copy[key] = new Ingredient { CoveredUntil = ing.CoveredUntil, Lines = ing.Lines.Where(l => l.EndDay > h).ToList(), LastFillDay = ing.LastFillDay, LastDrug = ing.LastDrug };
            }
        }

        return new SupplyLedger(copy);
    }

    public SupplyLedger Clone() => new(_byIngredient.ToDictionary(
        kv => kv.Key,
        kv => new Ingredient { CoveredUntil = kv.Value.CoveredUntil, Lines = [.. kv.Value.Lines], LastFillDay = kv.Value.LastFillDay, LastDrug = kv.Value.LastDrug },
        StringComparer.Ordinal));

    /// <summary>For persistence: per ingredient, covered_until (a day number), the lines still active and the last fill (day number, drug; null drug = unknown).</summary>
    internal IReadOnlyList<LedgerEntry> Export() =>
        _byIngredient.Select(kv => new LedgerEntry(kv.Key, kv.Value.CoveredUntil, kv.Value.Lines, kv.Value.LastFillDay, kv.Value.LastDrug)).ToList();

    /// <summary>The inverse of <see cref="Export"/>.</summary>
    internal static SupplyLedger Import(IEnumerable<LedgerEntry> entries) =>
        new(entries.ToDictionary(e => e.Ingredient, e => new Ingredient { CoveredUntil = e.CoveredUntil, Lines = [.. e.Lines], LastFillDay = e.LastFillDay, LastDrug = e.LastDrug }, StringComparer.Ordinal));

    private sealed class Ingredient
    {
        public int CoveredUntil { get; set; }

        public List<SupplyLine> Lines { get; init; } = [];

        public int LastFillDay { get; set; }

        /// <summary>Null when unknown (a carry written before the last fill was kept).</summary>
        public string? LastDrug { get; set; }
    }
}
