using System.Runtime.CompilerServices;

namespace ChronicCare.Monitor.Simulation.Catalog;

/// <summary>
/// A generic ingredient: the unit of the supply model (brands of one ingredient are the same drug for R01/R03).
/// Restrictions and disease lists live here because every brand of an ingredient shares them.
/// </summary>
internal sealed record IngredientInfo(
    int Index,
    string Name,
    string ChineseName,
    string Atc,
    int[] Diseases,
    char? Gender,
    int? MinAge,
    int? MaxAge,
    double[] DosesPerDay,
    int[] Products)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Lists(int disease)
    {
        foreach (var d in Diseases)
        {
            if (d == disease)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a patient of this sex and these ages (whole years, inclusive) may receive it (R08).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Fits(char sex, int minAgeSeen, int maxAgeSeen) =>
        (Gender is null || Gender == sex) && (MinAge is null || minAgeSeen >= MinAge) && (MaxAge is null || maxAgeSeen <= MaxAge);
}
