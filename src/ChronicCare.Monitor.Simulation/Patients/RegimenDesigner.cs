using System.Runtime.CompilerServices;
using ChronicCare.Monitor.Simulation.Catalog;

namespace ChronicCare.Monitor.Simulation.Patients;

/// <summary>
/// Picks the ingredients, products and doses of one regimen so that its cost lands in a target band of the
/// disease's monthly quota (<see cref="CostBands"/>): what keeps R11 and R13 silent for ordinary patients.
/// </summary>
internal static class RegimenDesigner
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<RegimenItem>? Design(
        MedicalCatalog catalog,
        Rng rng,
        int disease,
        char sex,
        int minAge,
        int maxAge,
        bool essentialOnly,
        bool longPrescription,
        ISet<int> usedIngredients)
    {
        var quota = catalog.Diseases[disease].QuotaCents;
        var candidates = new List<int>();
        foreach (var i in catalog.IngredientsByDisease[disease])
        {
            var ing = catalog.Ingredients[i];
            if (!usedIngredients.Contains(i) && ing.Fits(sex, minAge, maxAge) && (!essentialOnly || HasEssential(catalog, ing)))
            {
                candidates.Add(i);
            }
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        var low = (long)(quota * (longPrescription ? CostBands.LongLow : CostBands.RegularLow));
        var high = (long)(quota * (longPrescription ? CostBands.LongHigh : CostBands.RegularHigh));
        var cap = (long)(quota * (longPrescription ? CostBands.LongHigh : CostBands.RegularCap));
        var tuberculosis = catalog.Diseases[disease].Code == "TB";
        List<RegimenItem>? best = null;
        var bestDistance = long.MaxValue;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            // Tuberculosis is treated with a fixed multi-drug regimen (HRZE); other diseases with 1-3 drugs.
            var k = tuberculosis ? rng.Between(3, 4) : rng.Chance(0.45) ? 1 : rng.Chance(0.72) ? 2 : 3;
            k = Math.Min(k, candidates.Count);
            rng.Shuffle(candidates);
            var items = new List<RegimenItem>(k);
            long cost = 0;
            for (var j = 0; j < k; j++)
            {
                var ing = catalog.Ingredients[candidates[j]];
                var drug = PickProduct(catalog, rng, ing, essentialOnly);
                var dose = ing.DosesPerDay[rng.Next(ing.DosesPerDay.Length)];
                var item = new RegimenItem(drug, dose);
                items.Add(item);
                cost += item.QuantityFor(30) * catalog.Drugs[drug].PriceCents;
            }

            if (cost > cap)
            {
                continue;
            }

            if (cost >= low && cost <= high)
            {
                return items;
            }

            var distance = cost < low ? low - cost : cost - high;
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = items;
            }
        }

        return best;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool HasEssential(MedicalCatalog catalog, IngredientInfo ing)
    {
        foreach (var p in ing.Products)
        {
            if (catalog.Drugs[p].Essential)
            {
                return true;
            }
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int PickProduct(MedicalCatalog catalog, Rng rng, IngredientInfo ing, bool essentialOnly)
    {
        var essential = -1;
        foreach (var p in ing.Products)
        {
            if (catalog.Drugs[p].Essential)
            {
                essential = p;
                break;
            }
        }

        if (essentialOnly || (essential >= 0 && rng.Chance(0.55)))
        {
            return essential >= 0 ? essential : ing.Products[0];
        }

        return ing.Products[rng.Next(ing.Products.Length)];
    }
}
