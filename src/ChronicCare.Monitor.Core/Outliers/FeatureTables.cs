using System.Text.Json;

namespace ChronicCare.Monitor.Outliers;

/// <summary>
/// What "ordinary" means for the ratio features, learned from the training settlements and saved with the model:
/// per drug (else per ingredient) the median quantity per day of supply, per ingredient the cheapest reference unit
/// price, and per disease (else overall) the median monthly drug spend of a patient.
/// </summary>
public sealed class FeatureTables
{
    public FeatureTables(
        IReadOnlyDictionary<string, double> drugQuantityPerDay,
        IReadOnlyDictionary<string, double> ingredientQuantityPerDay,
        IReadOnlyDictionary<string, double> ingredientMinPrice,
        IReadOnlyDictionary<string, double> diseaseMonthlySpend,
        double monthlySpend)
    {
        DrugQuantityPerDay = drugQuantityPerDay;
        IngredientQuantityPerDay = ingredientQuantityPerDay;
        IngredientMinPrice = ingredientMinPrice;
        DiseaseMonthlySpend = diseaseMonthlySpend;
        MonthlySpend = monthlySpend;
    }

    /// <summary>Tables that know nothing: every ratio reads as ordinary (1).</summary>
    public static FeatureTables Empty { get; } = new(new Dictionary<string, double>(), new Dictionary<string, double>(), new Dictionary<string, double>(), new Dictionary<string, double>(), 0);

    public IReadOnlyDictionary<string, double> DrugQuantityPerDay { get; }

    public IReadOnlyDictionary<string, double> IngredientQuantityPerDay { get; }

    public IReadOnlyDictionary<string, double> IngredientMinPrice { get; }

    public IReadOnlyDictionary<string, double> DiseaseMonthlySpend { get; }

    /// <summary>The median monthly drug spend over all diseases (for a disease the tables do not know).</summary>
    public double MonthlySpend { get; }

    /// <summary>The usual quantity per day of <paramref name="drug"/>, else of its ingredient; null when neither is known.</summary>
    public double? QuantityPerDay(string drug, string ingredient) =>
        DrugQuantityPerDay.TryGetValue(drug, out var q) ? q : IngredientQuantityPerDay.TryGetValue(ingredient, out q) ? q : null;

    /// <summary>The usual monthly drug spend of a patient with <paramref name="disease"/>.</summary>
    public double MonthlySpendOf(string disease) => DiseaseMonthlySpend.TryGetValue(disease, out var m) ? m : MonthlySpend;

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        Map(w, "drug_quantity_per_day", DrugQuantityPerDay);
        Map(w, "ingredient_quantity_per_day", IngredientQuantityPerDay);
        Map(w, "ingredient_min_price", IngredientMinPrice);
        Map(w, "disease_monthly_spend", DiseaseMonthlySpend);
        w.WriteNumber("monthly_spend", MonthlySpend);
        w.WriteEndObject();
    }

    /// <summary>Reads what <see cref="Write"/> wrote; throws <see cref="ModelFormatException"/> naming what is wrong.</summary>
    public static FeatureTables Read(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new ModelFormatException("tables: not an object");
        }

        return new FeatureTables(
            Map(e, "drug_quantity_per_day"),
            Map(e, "ingredient_quantity_per_day"),
            Map(e, "ingredient_min_price"),
            Map(e, "disease_monthly_spend"),
            Positive(ModelJson.Number(e, "monthly_spend", "tables"), "tables.monthly_spend"));
    }

    private static void Map(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, double> map)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(key, value);
        }

        w.WriteEndObject();
    }

    private static Dictionary<string, double> Map(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var m) || m.ValueKind != JsonValueKind.Object)
        {
            throw new ModelFormatException($"tables.{name}: missing or not an object");
        }

        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in m.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.Number)
            {
                throw new ModelFormatException($"tables.{name}.{p.Name}: not a number");
            }

            map[p.Name] = Positive(p.Value.GetDouble(), $"tables.{name}.{p.Name}");
        }

        return map;
    }

    private static double Positive(double v, string what) =>
        double.IsFinite(v) && v >= 0 ? v : throw new ModelFormatException($"{what}: {v} is not a finite number >= 0");
}
