using System.Runtime.CompilerServices;
using ChronicCare.Monitor.Simulation.Patients;
using ChronicCare.Monitor.Simulation.World;

namespace ChronicCare.Monitor.Simulation.Timeline;

/// <summary>
/// Generates one patient's ordinary history: hospital stays, then each regimen's refills on the supply model,
/// then times of day, reversals and duplicate deliveries. Every ordinary refill is placed so that no exact rule
/// fires: see the remarks on <see cref="Resolve"/> and <see cref="NextDelta"/>.
/// </summary>
internal sealed class TimelineBuilder
{
    private readonly SimulationContext _ctx;

    public TimelineBuilder(SimulationContext ctx) => _ctx = ctx;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public PatientTimeline Build(PatientProfile p, FillTweak? tweak)
    {
        var rng = Rng.Fork(_ctx.Seed, Streams.Timeline, p.Index);
        var timeline = new PatientTimeline();
        AddStays(p, rng, timeline);
        var book = new MonthBook(_ctx.Start, _ctx.Options.Months);
        var state = new State(p, rng, timeline, book);
        foreach (var regimen in p.Regimens)
        {
            Schedule(state, regimen, tweak);
        }

        AssignTimes(rng, timeline);
        AddReversals(rng, timeline);
        foreach (var s in timeline.Settlements)
        {
            s.Duplicate = rng.Chance(0.005);
        }

        return timeline;
    }

    /// <summary>Makes one settlement of a regimen's drugs; shared with the fraud patterns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SettlementDraft MakeFill(PatientProfile p, PatientTimeline timeline, Rng rng, Regimen reg, DateOnly date, int days, int facility, int prescribingOverride = -1)
    {
        var world = _ctx.World;
        var f = world.Facilities[facility];
        var s = NewSettlement(p, timeline, rng, reg.Disease, date, facility);
        s.Regimen = reg.Index;
        s.LongPrescription = reg.LongPrescription;
        if (f.Kind == FacilityKind.Pharmacy)
        {
            s.PrescribingFacility = prescribingOverride >= 0 ? prescribingOverride
                : reg.PrescribingFacility >= 0 ? reg.PrescribingFacility : p.Hospital;
        }

        var home = world.Facilities[s.PrescribingFacility >= 0 ? s.PrescribingFacility : facility];
        var regular = home.Index == (reg.PrescribingFacility >= 0 ? reg.PrescribingFacility : reg.Facility);
        var doctor = home.Prescribers[regular && rng.Chance(0.85) ? reg.Doctor % home.Prescribers.Length : rng.Next(home.Prescribers.Length)];
        s.Prescriber = doctor;
        foreach (var item in reg.Items)
        {
            var drug = _ctx.Catalog.Drugs[item.Drug];
            s.Lines.Add(LineDraft.Drug(drug.Index, item.QuantityFor(days), drug.PriceCents, days));
        }

        return s;
    }

    /// <summary>A settlement with identity, facility and fund share set but no lines yet.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SettlementDraft NewSettlement(PatientProfile p, PatientTimeline timeline, Rng rng, int disease, DateOnly date, int facility)
    {
        var f = _ctx.World.Facilities[facility];
        var s = new SettlementDraft
        {
            Seq = timeline.NextNumber(),
            SettledAt = date.ToDateTime(TimeOnly.MinValue),
            Facility = facility,
            Disease = disease,
            FundPerMille = FundShare.PerMille(p, f),
        };
        s.PrescriptionNo = s.Seq;
        if (f.Prescribers.Length > 0)
        {
            var doctor = f.Prescribers[rng.Next(f.Prescribers.Length)];
            s.Prescriber = doctor;
        }

        IdentityAssigner.Assign(p, s, rng);
        timeline.Settlements.Add(s);
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Schedule(State st, Regimen reg, FillTweak? tweak)
    {
        var p = st.Patient;
        var rng = st.Rng;
        var approval = p.ApprovalFor(reg.Disease);
        if (approval is null)
        {
            return;
        }

        var begin = approval.BenefitStart > _ctx.Start ? approval.BenefitStart : _ctx.Start;
        var stop = Min(Min(_ctx.End, p.ActiveUntil), approval.ValidUntil.AddDays(1));
        if (begin >= stop)
        {
            return;
        }

        var quota = _ctx.Catalog.Diseases[reg.Disease].QuotaCents;
        var date = begin.AddDays(approval.BenefitStart > _ctx.Start ? rng.Between(0, 10) : rng.Between(0, Math.Min(27, reg.Days - 1)));
        var coveredUntil = DateOnly.MinValue;
        for (var fill = 0; ; fill++)
        {
            var tweaked = tweak is not null && tweak.Covers(reg.Index, fill);
            var days = tweaked && tweak!.DaysOverride > 0 ? tweak.DaysOverride : reg.Days;
            var facility = tweaked && tweak!.FacilityOverride >= 0 ? tweak.FacilityOverride : reg.Facility;
            var drugCost = DrugCost(reg, days);
            if (tweaked && tweak!.EarlyDays > 0 && coveredUntil != DateOnly.MinValue)
            {
                // R01 on purpose: refill while more than the tolerance of supply is left (no quota/stay checks:
                // the fraud injector verifies the result with the rule evaluator).
                date = coveredUntil.AddDays(-tweak.EarlyDays);
                if (date >= stop)
                {
                    break;
                }
            }
            else
            {
                if (tweaked && tweak!.EarlyDays > 0)
                {
                    tweaked = false;
                }

                var resolved = Resolve(st, reg.Disease, date, drugCost, quota, stop);
                if (resolved is null)
                {
                    break;
                }

                date = resolved.Value;
            }

            var s = MakeFill(p, st.Timeline, rng, reg, date, days, facility);
            s.LongPrescription = reg.LongPrescription || (tweaked && days > 84);
            AddServices(st, s, quota);
            st.Book.Add(reg.Disease, date, s.DrugCents, s.TotalCents);
            coveredUntil = (coveredUntil > date ? coveredUntil : date).AddDays(days);
            if (tweaked)
            {
                tweak!.Produced.Add(s);
                if (tweak.ShoppingFacility >= 0 && fill == tweak.FillNumber)
                {
                    coveredUntil = Shop(st, reg, tweak, date, stop, quota, coveredUntil);
                }
            }

            date = coveredUntil.AddDays(NextDelta(rng));
        }
    }

    /// <summary>R03 on purpose: the same drugs again from another facility while the supply is still running.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private DateOnly Shop(State st, Regimen reg, FillTweak tweak, DateOnly after, DateOnly stop, long quota, DateOnly coveredUntil)
    {
        var date = after.AddDays(tweak.ShoppingAfterDays);
        if (date >= stop || st.Blocked(date) is not null)
        {
            return coveredUntil;
        }

        var room = quota - st.Book.Get(reg.Disease, date).Drug;
        var days = 30;
        while (days > 7 && DrugCost(reg, days) > room)
        {
            days--;
        }

        if (DrugCost(reg, days) > room)
        {
            return coveredUntil;
        }

        var s = MakeFill(st.Patient, st.Timeline, st.Rng, reg, date, days, tweak.ShoppingFacility, tweak.ShoppingPrescriber);
        s.LongPrescription = false;
        st.Book.Add(reg.Disease, date, s.DrugCents, s.TotalCents);
        tweak.Produced.Add(s);
        return (coveredUntil > date ? coveredUntil : date).AddDays(days);
    }

    /// <summary>
    /// Moves a planned refill date later (never earlier, so the remaining supply only shrinks) until it is
    /// outside every hospital stay including its first and last day (R07), and the month's drug sum of the disease
    /// stays within <see cref="CostBands.OrdinaryMonthDrugs"/> of the quota (R11) and its total (exams included)
    /// within <see cref="CostBands.OrdinaryMonthTotal"/> (R13); null when that runs past the end of the benefit
    /// or the window.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private DateOnly? Resolve(State st, int disease, DateOnly date, long drugCost, long quota, DateOnly stop)
    {
        for (var i = 0; i < 24; i++)
        {
            if (date >= stop)
            {
                return null;
            }

            if (st.Blocked(date) is { } stay)
            {
                date = stay.DischargeDate.AddDays(1 + st.Rng.Next(3));
                continue;
            }

            var month = st.Book.Get(disease, date);
            if (month.Drug + drugCost > (long)(quota * CostBands.OrdinaryMonthDrugs)
                || month.Total + drugCost > (long)(quota * CostBands.OrdinaryMonthTotal))
            {
                date = new DateOnly(date.Year, date.Month, 1).AddMonths(1).AddDays(st.Rng.Next(4));
                continue;
            }

            return date;
        }

        return null;
    }

    /// <summary>
    /// Days between the end of the stacked supply and the next refill. Early refills are at most 5 days early,
    /// below the smallest tolerance (7 days), so R01/R03 never fire.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NextDelta(Rng rng)
    {
        var x = rng.NextDouble();
        return x < 0.15 ? -rng.Between(1, 5)
            : x < 0.6 ? rng.Between(0, 2)
            : x < 0.95 ? rng.Between(3, 12)
            : rng.Between(13, 40);
    }

    /// <summary>Exams and the grassroots visit fee, dropped when the month's total would leave the R13-safe band.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddServices(State st, SettlementDraft s, long quota)
    {
        var f = _ctx.World.Facilities[s.Facility];
        if (f.Kind == FacilityKind.Pharmacy)
        {
            return;
        }

        var rng = st.Rng;
        var catalog = _ctx.Catalog;
        var before = s.Lines.Count;
        if (f.Class == FacilityClass.Grassroots && rng.Chance(0.6))
        {
            var fee = catalog.Services[catalog.GeneralConsultation];
            s.Lines.Add(LineDraft.Service(fee.Index, true, 1, fee.PriceCents));
        }

        var exams = catalog.Diseases[s.Disease].ExamItems;
        var x = rng.NextDouble();
        var count = x < 0.06 ? 2 : x < 0.28 ? 1 : 0;
        var first = exams.Length > 0 ? rng.Next(exams.Length) : 0;
        for (var i = 0; i < Math.Min(count, exams.Length); i++)
        {
            var exam = catalog.Services[exams[(first + i) % exams.Length]];
            s.Lines.Add(LineDraft.Service(exam.Index, false, 1, exam.PriceCents));
        }

        if (st.Book.Get(s.Disease, s.Date).Total + s.TotalCents > (long)(quota * CostBands.OrdinaryMonthTotal))
        {
            s.Lines.RemoveRange(before, s.Lines.Count - before);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long DrugCost(Regimen reg, int days)
    {
        long cost = 0;
        foreach (var item in reg.Items)
        {
            cost += item.QuantityFor(days) * _ctx.Catalog.Drugs[item.Drug].PriceCents;
        }

        return cost;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddStays(PatientProfile p, Rng rng, PatientTimeline timeline)
    {
        var windowDays = _ctx.End.DayNumber - _ctx.Start.DayNumber;
        var expected = 0.07 * windowDays / 365.0;
        var count = (rng.Chance(Math.Min(0.9, expected)) ? 1 : 0) + (rng.Chance(expected / 4) ? 1 : 0);
        for (var i = 0; i < count && windowDays > 30; i++)
        {
            var length = rng.Between(3, 14);
            var admission = _ctx.Start.AddDays(rng.Between(0, windowDays - length - 2));
            var discharge = admission.AddDays(length);
            if (discharge >= p.ActiveUntil || timeline.Stays.Any(s => admission <= s.DischargeDate.AddDays(3) && discharge >= s.AdmissionDate.AddDays(-3)))
            {
                continue;
            }

            var hospitals = _ctx.World.Hospitals[p.City];
            timeline.Stays.Add(new StayDraft
            {
                Facility = rng.Chance(0.8) ? p.Hospital : hospitals[rng.Next(hospitals.Length)].Index,
                AdmittedAt = admission.ToDateTime(new TimeOnly(rng.Between(8, 17), rng.Next(60), rng.Next(60))),
                DischargedAt = discharge.ToDateTime(new TimeOnly(rng.Between(9, 11), rng.Next(60), rng.Next(60))),
            });
        }
    }

    /// <summary>
    /// Times of day: one visit per facility per day, settlements of a visit a few minutes apart, 40-120 minutes
    /// between facilities; every settled_at of a patient is distinct.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AssignTimes(Rng rng, PatientTimeline timeline)
    {
        var list = timeline.Settlements;
        list.Sort(static (a, b) => a.SettledAt != b.SettledAt ? a.SettledAt.CompareTo(b.SettledAt) : a.Seq.CompareTo(b.Seq));
        var i = 0;
        while (i < list.Count)
        {
            var day = list[i].Date;
            var j = i;
            while (j < list.Count && list[j].Date == day)
            {
                j++;
            }

            var first = _ctx.World.Facilities[list[i].Facility];
            var minute = first.Kind == FacilityKind.Pharmacy ? rng.Between(8 * 60 + 30, 19 * 60)
                : rng.Chance(0.7) ? rng.Between(8 * 60, 11 * 60 + 30) : rng.Between(13 * 60 + 30, 16 * 60 + 30);
            var visited = new List<int>();
            for (var k = i; k < j; k++)
            {
                if (!visited.Contains(list[k].Facility))
                {
                    visited.Add(list[k].Facility);
                }
            }

            var t = day.ToDateTime(TimeOnly.MinValue).AddMinutes(minute).AddSeconds(rng.Next(60));
            foreach (var facility in visited)
            {
                for (var k = i; k < j; k++)
                {
                    if (list[k].Facility == facility)
                    {
                        list[k].SettledAt = t;
                        t = t.AddMinutes(rng.Between(2, 6)).AddSeconds(rng.Next(60));
                    }
                }

                t = t.AddMinutes(rng.Between(40, 120));
            }

            i = j;
        }

        timeline.Sort();
    }

    /// <summary>
    /// 冲正: about 0.9% of settlements are first keyed wrongly, reversed minutes later and re-settled the same day
    /// under a new id (the reversed one counts for nothing); 0.3% are refunded days later without replacement.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddReversals(Rng rng, PatientTimeline timeline)
    {
        var count = timeline.Settlements.Count;
        for (var k = 0; k < count; k++)
        {
            var s = timeline.Settlements[k];
            var x = rng.NextDouble();
            if (x < 0.009)
            {
                var wrong = s.Clone();
                wrong.Seq = timeline.NextNumber();
                wrong.Reversed = true;
                wrong.Duplicate = false;
                var line = wrong.Lines[0];
                line.Quantity += rng.Chance(0.5) ? line.Quantity : rng.Between(1, 10);
                wrong.Lines[0] = line;
                wrong.ReversedAt = wrong.SettledAt.AddMinutes(rng.Between(2, 6)).AddSeconds(rng.Next(60));
                s.SettledAt = wrong.ReversedAt.AddMinutes(rng.Between(3, 20)).AddSeconds(rng.Next(60));
                timeline.Settlements.Add(wrong);
            }
            else if (x < 0.012)
            {
                s.Reversed = true;
                s.ReversedAt = s.Date.AddDays(rng.Between(1, 7)).ToDateTime(new TimeOnly(rng.Between(9, 16), rng.Next(60), rng.Next(60)));
            }
        }

        timeline.Sort();
        timeline.MakeTimesUnique();
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>Per-patient generation state shared by the scheduling steps.</summary>
    private sealed class State(PatientProfile patient, Rng rng, PatientTimeline timeline, MonthBook book)
    {
        public PatientProfile Patient { get; } = patient;

        public Rng Rng { get; } = rng;

        public PatientTimeline Timeline { get; } = timeline;

        public MonthBook Book { get; } = book;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public StayDraft? Blocked(DateOnly date)
        {
            foreach (var s in Timeline.Stays)
            {
                if (s.Blocks(date))
                {
                    return s;
                }
            }

            return null;
        }
    }
}
