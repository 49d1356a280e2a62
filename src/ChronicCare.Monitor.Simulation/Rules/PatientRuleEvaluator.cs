using ChronicCare.Monitor.Simulation.Patients;
using ChronicCare.Monitor.Simulation.Timeline;
using ChronicCare.Monitor.Simulation.World;

namespace ChronicCare.Monitor.Simulation.Rules;

/// <summary>
/// The exact rules of contract §3 that depend on one patient's events only: R01-R11, R05 (including the
/// same-card-two-cities check within the patient's own cards) and the automatic SUSPEND that feeds R06 (§5).
/// R14 depends on several patients and is computed by the card-collection pattern itself. The fraud injector
/// uses this to label exactly the settlements that must carry alerts and to reject an injection that would
/// fire any other rule; tests use it to prove ordinary patients silent.
/// </summary>
internal sealed class PatientRuleEvaluator
{
    private readonly SimulationContext _ctx;

    public PatientRuleEvaluator(SimulationContext ctx) => _ctx = ctx;

    /// <summary>The rules fired on each settlement, by reference; reversed settlements fire nothing.</summary>
    public Dictionary<SettlementDraft, int> Evaluate(PatientProfile p, PatientTimeline timeline)
    {
        var order = timeline.Settlements.Where(s => !s.Reversed).ToList();
        order.Sort(static (a, b) => a.SettledAt != b.SettledAt ? a.SettledAt.CompareTo(b.SettledAt) : a.Number.CompareTo(b.Number));
        var fired = new Dictionary<SettlementDraft, int>(order.Count);
        foreach (var s in order)
        {
            fired[s] = 0;
        }

        Supply(order, fired);
        Designation(p, order, fired);
        Identity(p, order, fired);
        Eligibility(p, timeline, order, fired);
        Drugs(p, order, fired);
        Quota(order, fired);
        return fired;
    }

    private void Supply(List<SettlementDraft> order, Dictionary<SettlementDraft, int> fired)
    {
        var covered = new Dictionary<int, DateOnly>();
        var earlier = new Dictionary<int, List<(DateOnly Date, int Days, int Facility)>>();
        foreach (var s in order)
        {
            var date = s.Date;
            foreach (var line in s.Lines)
            {
                if (!line.IsDrug)
                {
                    continue;
                }

                var d = line.DaysSupply;
                if (d > 30 && !s.LongPrescription || d > 84)
                {
                    fired[s] |= 1 << 2;
                }

                var ing = _ctx.Catalog.Drugs[line.Item].Ingredient;
                if (!earlier.TryGetValue(ing, out var lines))
                {
                    lines = [];
                    earlier[ing] = lines;
                }

                var cu = covered.TryGetValue(ing, out var c) ? c : DateOnly.MinValue;
                var remaining = cu > date ? cu.DayNumber - date.DayNumber : 0;
                if (remaining > Math.Max(7, d / 5))
                {
                    var other = lines.Any(e => e.Date.AddDays(e.Days) > date && e.Facility != s.Facility);
                    fired[s] |= 1 << (other ? 3 : 1);
                }

                covered[ing] = (cu > date ? cu : date).AddDays(d);
                lines.Add((date, d, s.Facility));
            }
        }
    }

    private void Designation(PatientProfile p, List<SettlementDraft> order, Dictionary<SettlementDraft, int> fired)
    {
        var first = new Dictionary<(int Year, FacilityClass Class), int>();
        foreach (var s in order)
        {
            var f = _ctx.World.Facilities[s.Facility];
            if (f.Class == FacilityClass.None)
            {
                continue;
            }

            var key = (s.Date.Year, f.Class);
            first.TryAdd(key, s.Facility);
            var designated = p.Designated ? (f.Class == FacilityClass.Grassroots ? p.Grassroots : p.Hospital) : first[key];
            if (s.Facility != designated)
            {
                fired[s] |= 1 << 4;
            }
        }
    }

    private void Identity(PatientProfile p, List<SettlementDraft> order, Dictionary<SettlementDraft, int> fired)
    {
        foreach (var s in order)
        {
            var failed = !s.Verified
                || (s.Method == IdentityMethod.Face && s.FaceScore < 80)
                || (s.Method == IdentityMethod.Proxy && s.ProxyId is null)
                || !p.Cards.Contains(s.CardId);
            if (!failed)
            {
                var city = _ctx.World.Facilities[s.Facility].City;
                failed = order.Any(o => o != s && o.CardId == s.CardId && _ctx.World.Facilities[o.Facility].City != city
                    && Math.Abs((o.SettledAt - s.SettledAt).TotalMinutes) <= 60);
            }

            if (failed)
            {
                fired[s] |= 1 << 5;
            }
        }
    }

    /// <summary>R06 and R07, with the automatic SUSPEND of §5 applied to later settlements.</summary>
    private static void Eligibility(PatientProfile p, PatientTimeline timeline, List<SettlementDraft> order, Dictionary<SettlementDraft, int> fired)
    {
        DateTime? suspendedAfter = null;
        foreach (var s in order)
        {
            var date = s.Date;
            var status = p.StatusOn(date);
            var approval = p.ApprovalFor(s.Disease);
            var ineligible = status != "active" || approval is null || !approval.Covers(date)
                || (suspendedAfter is { } t && s.SettledAt > t);
            if (ineligible)
            {
                fired[s] |= 1 << 6;
            }

            foreach (var stay in timeline.Stays)
            {
                if (date > stay.AdmissionDate && date < stay.DischargeDate)
                {
                    fired[s] |= 1 << 7;
                }
            }

            var suspends = (s.Method == IdentityMethod.Face && s.FaceScore < 80) || !p.Cards.Contains(s.CardId)
                || status is "deceased" or "transferred";
            if (suspends && suspendedAfter is null)
            {
                suspendedAfter = s.SettledAt;
            }
        }
    }

    private void Drugs(PatientProfile p, List<SettlementDraft> order, Dictionary<SettlementDraft, int> fired)
    {
        var catalog = _ctx.Catalog;
        foreach (var s in order)
        {
            var f = _ctx.World.Facilities[s.Facility];
            var age = p.AgeOn(s.Date);
            var codes = new HashSet<int>();
            foreach (var line in s.Lines)
            {
                if (!line.IsDrug)
                {
                    continue;
                }

                codes.Add(line.Item);
                var drug = catalog.Drugs[line.Item];
                var ing = catalog.Ingredients[drug.Ingredient];
                if ((ing.Gender is { } g && g != p.Sex) || (ing.MinAge is { } min && age < min) || (ing.MaxAge is { } max && age > max))
                {
                    fired[s] |= 1 << 8;
                }

                if (!ing.Lists(s.Disease))
                {
                    fired[s] |= 1 << 9;
                }

                if (f.EssentialOnly && !drug.Essential)
                {
                    fired[s] |= 1 << 10;
                }
            }

            if (codes.Count > 5 && f.LimitsDrugCount && string.IsNullOrWhiteSpace(s.Note))
            {
                fired[s] |= 1 << 10;
            }
        }
    }

    /// <summary>R11: running drug sums per disease and calendar month, or quarter at 3 × quota when long.</summary>
    private void Quota(List<SettlementDraft> order, Dictionary<SettlementDraft, int> fired)
    {
        for (var i = 0; i < order.Count; i++)
        {
            var s = order[i];
            var quota = _ctx.Catalog.Diseases[s.Disease].QuotaCents;
            var limit = s.LongPrescription ? quota * 3 : quota;
            long sum = 0;
            for (var j = 0; j <= i; j++)
            {
                var o = order[j];
                if (o.Disease == s.Disease && o.Date.Year == s.Date.Year
                    && (s.LongPrescription ? (o.Date.Month - 1) / 3 == (s.Date.Month - 1) / 3 : o.Date.Month == s.Date.Month))
                {
                    sum += o.DrugCents;
                }
            }

            if (sum > limit)
            {
                fired[s] |= 1 << 11;
            }
        }
    }
}
