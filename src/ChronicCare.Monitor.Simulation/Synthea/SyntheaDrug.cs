namespace ChronicCare.Monitor.Simulation.Synthea;

/// <summary>One Synthea medication CODE as a contract drug; diseases and prices are gathered from its fills.</summary>
internal sealed class SyntheaDrug(string code, string name)
{
    public string DrugCode { get; } = "SY" + code;

    public string Name { get; } = name;

    public string Ingredient { get; } = IngredientParser.Parse(name);

    public SortedSet<string> Diseases { get; } = new(StringComparer.Ordinal);

    public List<long> DispenseCents { get; } = [];

    /// <summary>The median per-dispense cost in cents (lower median for an even count).</summary>
    public long MedianDispenseCents()
    {
        if (DispenseCents.Count == 0)
        {
            return 0;
        }

        var sorted = DispenseCents.Order().ToList();
        return sorted[(sorted.Count - 1) / 2];
    }
}
