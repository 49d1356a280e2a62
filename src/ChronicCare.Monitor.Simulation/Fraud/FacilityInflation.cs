using System.Runtime.CompilerServices;
using ChronicCare.Monitor.Simulation.Patients;
using ChronicCare.Monitor.Simulation.Timeline;
using ChronicCare.Monitor.Simulation.World;

namespace ChronicCare.Monitor.Simulation.Fraud;

/// <summary>
/// R12 injection. Targets are community centres and level-2 hospitals whose peer group (same kind and level in
/// the city, or everywhere when the city has fewer than 5) has at least 5 members expected to settle 60+ times a
/// month; at most one target per peer group and month, so the peer median stays clean. Every visiting patient's
/// first settlement per disease there that month gets therapy lines worth 150-200% of it (as far as the
/// month's cap allows): the facility's mean roughly doubles (&gt; 1.5 × the peer median) while each patient's
/// month stays within the quota in total (R13-safe, see CostBands). Targets are the busiest members (100+ a
/// month expected) and months of the first year.
/// </summary>
internal sealed class FacilityInflation
{
    private readonly SimulationContext _ctx;
    private readonly Dictionary<(int Facility, int Month), FacilityTarget> _targets = [];
    private readonly bool[] _isTarget;

    public FacilityInflation(SimulationContext ctx, int count, Rng rng)
    {
        _ctx = ctx;
        _isTarget = new bool[ctx.World.Facilities.Length];
        var groups = EligibleGroups(ctx);
        var used = new HashSet<(int Group, int Month)>();
        for (var n = 0; n < count && groups.Count > 0; n++)
        {
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var g = rng.Next(groups.Count);
                // Within the first year: certificates are not renewed in the simulation, so later months thin out.
                var month = ctx.Options.Months >= 2 ? rng.Between(1, Math.Min(ctx.Options.Months - 1, 11)) : 0;
                var busiest = groups[g].Where(f => ExpectedMonthly(ctx, ctx.World.Facilities[f]) >= 100).ToArray();
                if (busiest.Length > 0 && used.Add((g, month)))
                {
                    var facility = rng.Pick(busiest);
                    _targets[(facility, month)] = new FacilityTarget(facility, month);
                    _isTarget[facility] = true;
                    break;
                }
            }
        }
    }

    public IEnumerable<FacilityTarget> Targets => _targets.Values.OrderBy(t => t.Facility).ThenBy(t => t.MonthIndex);

    /// <summary>Peer groups (facility indices) with at least 5 facilities busy enough for R12.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<int[]> EligibleGroups(SimulationContext ctx)
    {
        var world = ctx.World;
        var busy = world.Facilities
            .Where(f => (f.Kind == FacilityKind.Community && f.Level == 1) || (f.Kind == FacilityKind.Hospital && f.Level == 2))
            .Where(f => ExpectedMonthly(ctx, f) >= 60)
            .ToList();
        var groups = new List<int[]>();
        foreach (var byKind in busy.GroupBy(f => (f.Kind, f.Level)))
        {
            var small = new List<FacilityInfo>();
            foreach (var city in byKind.GroupBy(f => f.City))
            {
                if (city.Count() >= 5)
                {
                    groups.Add(city.Select(f => f.Index).ToArray());
                }
                else
                {
                    small.AddRange(city);
                }
            }

            // Facilities of cities with fewer than 5 busy peers are compared with the kind and level everywhere.
            if (small.Count > 0 && byKind.Count() >= 5)
            {
                groups.Add(small.Select(f => f.Index).ToArray());
            }
        }

        return groups;
    }

    /// <summary>Inflates the patient's settlements at target facility-months; call once the timeline is final.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Apply(PatientProfile p, PatientTimeline timeline, Rng rng)
    {
        if (_targets.Count == 0)
        {
            return;
        }

        var catalog = _ctx.Catalog;
        var done = new HashSet<(int Disease, int Facility, int Month)>();
        foreach (var s in timeline.Settlements)
        {
            if (!_isTarget[s.Facility])
            {
                continue;
            }

            var month = _ctx.MonthIndex(s.Date);
            if (s.Reversed || !_targets.TryGetValue((s.Facility, month), out var target))
            {
                continue;
            }

            target.Settlements++;
            if (!done.Add((s.Disease, s.Facility, month)))
            {
                continue;
            }

            var quota = catalog.Diseases[s.Disease].QuotaCents;
            long monthTotal = 0;
            foreach (var o in timeline.Settlements)
            {
                if (!o.Reversed && o.Disease == s.Disease && _ctx.MonthIndex(o.Date) == month)
                {
                    monthTotal += o.TotalCents;
                }
            }

            var total = s.TotalCents;
            var add = Math.Min((long)(total * rng.Between(1.5, 2.0)), (long)(quota * CostBands.EditedMonthTotal) - monthTotal);
            if (add < total / 3)
            {
                continue;
            }

            // Whole sessions that fit under the cap (rounding down keeps the month R13-safe).
            var therapy = catalog.Services[rng.Pick(catalog.Treatments)];
            var sessions = (int)(add / therapy.PriceCents);
            if (sessions == 0)
            {
                continue;
            }

            s.Lines.Add(LineDraft.Service(therapy.Index, true, sessions, therapy.PriceCents));
            target.SettlementIds.Add(s.Id);
        }
    }

    /// <summary>
    /// Rough settlements per month: patients choosing the facility (by popularity within its class and city) ×
    /// about 0.5 grassroots or 0.35 hospital settlements per patient-month.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double ExpectedMonthly(SimulationContext ctx, FacilityInfo f)
    {
        var world = ctx.World;
        var pool = f.Class == FacilityClass.Grassroots ? world.Grassroots[f.City] : world.Hospitals[f.City];
        var share = f.Weight / pool.Sum(x => x.Weight);
        var perPatient = f.Class == FacilityClass.Grassroots ? 0.5 : 0.35;
        return ctx.Patients * world.CityWeights[f.City] * share * perPatient;
    }
}
