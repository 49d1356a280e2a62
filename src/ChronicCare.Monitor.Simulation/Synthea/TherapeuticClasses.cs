namespace ChronicCare.Monitor.Simulation.Synthea;

/// <summary>ATC level-4 classes of the common Synthea chronic ingredients (first ingredient word); "UNK" otherwise.</summary>
internal static class TherapeuticClasses
{
    private static readonly Dictionary<string, string> ByIngredient = new(StringComparer.Ordinal)
    {
        ["lisinopril"] = "C09AA",
        ["hydrochlorothiazide"] = "C03AA",
        ["amlodipine"] = "C08CA",
        ["simvastatin"] = "C10AA",
        ["atorvastatin"] = "C10AA",
        ["metformin"] = "A10BA",
        ["insulin"] = "A10AD",
        ["fluticasone"] = "R03BA",
        ["albuterol"] = "R03AC",
        ["furosemide"] = "C03CA",
        ["losartan"] = "C09CA",
        ["carvedilol"] = "C07AG",
        ["sacubitril"] = "C09DX",
        ["clopidogrel"] = "B01AC",
        ["warfarin"] = "B01AA",
        ["alendronic"] = "M05BA",
    };

    public static string Of(string ingredient)
    {
        if (ingredient.Contains('/', StringComparison.Ordinal))
        {
            return ingredient switch
            {
                "fluticasone propionate/salmeterol" => "R03AK",
                "sacubitril/valsartan" => "C09DX",
                "hydrochlorothiazide/lisinopril" => "C09BA",
                _ when ingredient.StartsWith("insulin", StringComparison.Ordinal) => "A10AD",
                _ => "UNK",
            };
        }

        var first = ingredient.Split(' ')[0];
        return ByIngredient.GetValueOrDefault(first, "UNK");
    }
}
