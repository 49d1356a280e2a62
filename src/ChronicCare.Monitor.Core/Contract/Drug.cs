namespace ChronicCare.Monitor.Contract;

/// <summary>医保药品 (contract §1 drug).</summary>
public sealed record Drug(
    string DrugCode,
    string Name,
    string Ingredient,
    string TherapeuticClass,
    bool Essential,
    Gender? Gender,
    int? MinAge,
    int? MaxAge,
    IReadOnlyList<string> Diseases,
    decimal ReferenceUnitPrice)
{
    public bool IsIndicatedFor(string diseaseCode)
    {
        foreach (var d in Diseases)
        {
            if (string.Equals(d, diseaseCode, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
