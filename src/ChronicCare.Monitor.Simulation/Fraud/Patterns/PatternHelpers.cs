using ChronicCare.Monitor.Simulation.Patients;
using ChronicCare.Monitor.Simulation.Timeline;

namespace ChronicCare.Monitor.Simulation.Fraud.Patterns;

/// <summary>Choices several patterns share.</summary>
internal static class PatternHelpers
{
    /// <summary>Diseases common enough that every run has patients with them.</summary>
    private static readonly string[] Common = ["HTN", "T2DM", "HLP", "CHD"];

    public static int CommonDisease(SimulationContext ctx, int variant) => ctx.Catalog.DiseaseIndex(Common[variant % Common.Length]);

    /// <summary>A regimen and a refill number that leave refills before and after it (null when too few).</summary>
    public static (Regimen Regimen, int Fill)? PickRefill(InjectionContext ic, Func<Regimen, bool>? where = null, int tail = 2)
    {
        var candidates = ic.Patient.Regimens.Where(r => where is null || where(r)).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var reg = candidates[ic.Rng.Next(candidates.Count)];
        var windowDays = ic.Ctx.End.DayNumber - ic.Ctx.Start.DayNumber;
        var fills = windowDays / reg.Days;
        if (fills < tail + 2)
        {
            return null;
        }

        return (reg, ic.Rng.Between(1, fills - tail));
    }

    /// <summary>The supply model's covered_until after the regimen's non-reversed refills.</summary>
    public static DateOnly CoveredUntil(InjectionContext ic, Regimen reg)
    {
        var cu = DateOnly.MinValue;
        foreach (var s in ic.Fills(s => s.Regimen == reg.Index))
        {
            var days = s.Lines.Where(l => l.IsDrug).Select(l => l.DaysSupply).DefaultIfEmpty(0).Max();
            cu = (cu > s.Date ? cu : s.Date).AddDays(days);
        }

        return cu;
    }

    public static int DistinctDrugs(SettlementDraft s) => s.Lines.Where(l => l.IsDrug).Select(l => l.Item).Distinct().Count();

    public static int DrugDays(SettlementDraft s) => s.Lines.Where(l => l.IsDrug).Select(l => l.DaysSupply).DefaultIfEmpty(30).Max();

    /// <summary>A one-off settlement of a regimen's drugs after the others, with the card holder present.</summary>
    public static SettlementDraft LastFill(InjectionContext ic, Regimen reg, DateOnly date)
    {
        var s = ic.Builder.MakeFill(ic.Patient, ic.Timeline, ic.Rng, reg, date, reg.Days, reg.Facility);
        s.SettledAt = ic.TimeOn(date, reg.Facility);
        s.Method = IdentityMethod.Card;
        s.CardId = ic.Patient.Cards[0];
        s.Verified = true;
        s.FaceScore = -1;
        s.ProxyId = null;
        s.PresenterId = ic.Patient.PersonId;
        return s;
    }

    public static int IngredientProduct(SimulationContext ctx, string ingredient, bool essential)
    {
        var ing = ctx.Catalog.Ingredients.First(i => i.Name == ingredient);
        return ing.Products.FirstOrDefault(p => ctx.Catalog.Drugs[p].Essential == essential, ing.Products[0]);
    }
}
