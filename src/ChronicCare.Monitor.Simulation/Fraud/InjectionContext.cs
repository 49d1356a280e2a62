using ChronicCare.Monitor.Simulation.Patients;
using ChronicCare.Monitor.Simulation.Timeline;
using ChronicCare.Monitor.Simulation.World;

namespace ChronicCare.Monitor.Simulation.Fraud;

/// <summary>One injection attempt: the patient, its timeline and the helpers patterns share to edit it.</summary>
internal sealed class InjectionContext
{
    public InjectionContext(SimulationContext ctx, TimelineBuilder builder, PatientProfile patient, Rng rng, int variant, LenderPool lenders)
    {
        Ctx = ctx;
        Builder = builder;
        Patient = patient;
        Rng = rng;
        Variant = variant;
        Lenders = lenders;
    }

    public SimulationContext Ctx { get; }

    public TimelineBuilder Builder { get; }

    public PatientProfile Patient { get; }

    public Rng Rng { get; }

    public int Variant { get; }

    public LenderPool Lenders { get; }

    public PatientTimeline Timeline { get; set; } = new();

    public FillTweak? FillTweak { get; set; }

    /// <summary>Settlements the deviation altered (labelled for R12/R13 and model-only patterns).</summary>
    public List<SettlementDraft> Touched { get; } = [];

    /// <summary>For R13: the month and disease of the outsized total.</summary>
    public (DateOnly Month, int Disease)? Period { get; set; }

    public FacilityInfo Facility(int index) => Ctx.World.Facilities[index];

    /// <summary>Non-reversed refills of a regimen, optionally filtered, in time order.</summary>
    public List<SettlementDraft> Fills(Func<SettlementDraft, bool>? where = null) =>
        Timeline.Settlements.Where(s => !s.Reversed && s.Regimen >= 0 && (where is null || where(s))).ToList();

    /// <summary>A refill away from both ends of the history (so there is history before and after it).</summary>
    public SettlementDraft? PickFill(Func<SettlementDraft, bool>? where = null)
    {
        var fills = Fills(where);
        if (fills.Count == 0)
        {
            return null;
        }

        var lo = fills.Count >= 4 ? 1 : 0;
        var hi = fills.Count >= 4 ? fills.Count - 2 : fills.Count - 1;
        return fills[Rng.Between(lo, hi)];
    }

    /// <summary>What the disease's month can still take in drug amounts (R11) and in total (R13), including s.</summary>
    public (long Drug, long Total) Room(SettlementDraft s)
    {
        long drug = 0;
        long total = 0;
        foreach (var o in Timeline.Settlements)
        {
            if (!o.Reversed && o.Disease == s.Disease && o.Date.Year == s.Date.Year && o.Date.Month == s.Date.Month)
            {
                drug += o.DrugCents;
                total += o.TotalCents;
            }
        }

        var quota = Ctx.Catalog.Diseases[s.Disease].QuotaCents;
        return (quota - drug, (long)(quota * CostBands.EditedMonthTotal) - total);
    }

    /// <summary>Ingredients the patient takes anywhere (regimens and every line already in the timeline).</summary>
    public HashSet<int> UsedIngredients()
    {
        var used = new HashSet<int>();
        foreach (var r in Patient.Regimens)
        {
            foreach (var i in r.Items)
            {
                used.Add(Ctx.Catalog.Drugs[i.Drug].Ingredient);
            }
        }

        foreach (var s in Timeline.Settlements)
        {
            foreach (var l in s.Lines)
            {
                if (l.IsDrug)
                {
                    used.Add(Ctx.Catalog.Drugs[l.Item].Ingredient);
                }
            }
        }

        return used;
    }

    /// <summary>
    /// Products of ingredients the patient has never had that fit sex and age through the whole window, filtered
    /// by whether the ingredient lists <paramref name="disease"/>; one product per ingredient, essential ones when
    /// the facility dispenses essential drugs only. Never-used ingredients keep the supply rules silent.
    /// </summary>
    public List<int> FreshProducts(int disease, bool listsDisease, bool essentialOnly)
    {
        var catalog = Ctx.Catalog;
        var used = UsedIngredients();
        var ageStart = Patient.AgeOn(Ctx.Start);
        var ageEnd = Patient.AgeOn(Ctx.End);
        var result = new List<int>();
        foreach (var ing in catalog.Ingredients)
        {
            if (used.Contains(ing.Index) || ing.Lists(disease) != listsDisease || !ing.Fits(Patient.Sex, ageStart, ageEnd))
            {
                continue;
            }

            foreach (var p in ing.Products)
            {
                if (!essentialOnly || catalog.Drugs[p].Essential)
                {
                    result.Add(p);
                    break;
                }
            }
        }

        return result;
    }

    /// <summary>A drug line for a one-off supply of <paramref name="days"/> days at the ingredient's first dose.</summary>
    public LineDraft OneOffLine(int drug, int days)
    {
        var d = Ctx.Catalog.Drugs[drug];
        var ing = Ctx.Catalog.Ingredients[d.Ingredient];
        var item = new RegimenItem(drug, ing.DosesPerDay[0]);
        return LineDraft.Drug(drug, item.QuantityFor(days), d.PriceCents, days);
    }

    /// <summary>
    /// Drops every settlement after <paramref name="t"/>. Used after deviations that suspend benefits (§5: a
    /// failed face check, a borrowed card, a deceased patient's card): later settlements would all be R06.
    /// </summary>
    public void TruncateAfter(DateTime t) => Timeline.Settlements.RemoveAll(s => s.SettledAt > t);

    public StayDraft? StayOn(DateOnly date) => Timeline.Stays.FirstOrDefault(s => s.Blocks(date));

    /// <summary>A time of day for a one-off settlement on <paramref name="date"/>, after any other that day.</summary>
    public DateTime TimeOn(DateOnly date, int facility)
    {
        var latest = Timeline.Settlements.Where(s => s.Date == date).Select(s => s.SettledAt).DefaultIfEmpty(DateTime.MinValue).Max();
        var t = Facility(facility).Kind == FacilityKind.Pharmacy
            ? date.ToDateTime(new TimeOnly(Rng.Between(9, 18), Rng.Next(60), Rng.Next(60)))
            : date.ToDateTime(new TimeOnly(Rng.Between(8, 15), Rng.Next(60), Rng.Next(60)));
        return latest >= t ? latest.AddMinutes(Rng.Between(45, 90)) : t;
    }
}
