using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Outliers;
using ChronicCare.Monitor.Reference;

namespace ChronicCare.Monitor.Modeling.Features;

/// <summary>
/// Learns the <see cref="FeatureTables"/> from the training settlements: per drug and per ingredient the median
/// quantity per day of supply, per disease the median of a patient's monthly drug spend, and from the reference the
/// cheapest product of each ingredient. Duplicate deliveries count once and reversed settlements not at all,
/// whatever the order they arrive in.
/// </summary>
internal sealed class FeatureTableBuilder
{
    private readonly Dictionary<string, Seen> _settlements = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reversed = new(StringComparer.Ordinal);

    public int Settlements => _settlements.Count - _settlements.Keys.Count(_reversed.Contains);

    /// <summary>The patient of each kept settlement (for splitting by patient).</summary>
    public IEnumerable<(string SettlementId, string PatientId)> Patients =>
        _settlements.Where(kv => !_reversed.Contains(kv.Key)).Select(kv => (kv.Key, kv.Value.PatientId));

    public void Add(InputEvent e)
    {
        switch (e)
        {
            case Settlement s:
                _settlements.TryAdd(s.SettlementId, Seen.Of(s));
                break;
            case Reversal r:
                _reversed.Add(r.SettlementId);
                break;
        }
    }

    /// <summary>The tables from the kept settlements of the patients <paramref name="include"/> accepts (all when null).</summary>
    public FeatureTables Build(ReferenceData reference, Func<string, bool>? include = null)
    {
        var byDrug = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var byIngredient = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var months = new Dictionary<(string Patient, string Disease, int Month), double>();
        foreach (var (id, s) in _settlements)
        {
            if (_reversed.Contains(id) || include?.Invoke(s.PatientId) == false)
            {
                continue;
            }

            var key = (s.PatientId, s.Disease, s.Month);
            months[key] = months.GetValueOrDefault(key) + s.DrugAmount;
            foreach (var (drug, qpd) in s.QuantityPerDay)
            {
                Add(byDrug, drug, qpd);
                Add(byIngredient, reference.Drug(drug)?.Ingredient ?? drug, qpd);
            }
        }

        var cheapest = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var d in reference.Drugs.Where(d => d.ReferenceUnitPrice > 0))
        {
            var p = (double)d.ReferenceUnitPrice;
            cheapest[d.Ingredient] = cheapest.TryGetValue(d.Ingredient, out var c) ? Math.Min(c, p) : p;
        }

        var byDisease = months.GroupBy(kv => kv.Key.Disease, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Median(g.Select(kv => kv.Value).ToList()), StringComparer.Ordinal);
        return new FeatureTables(
            Medians(byDrug),
            Medians(byIngredient),
            cheapest,
            byDisease,
            months.Count > 0 ? Median(months.Values.ToList()) : 0);
    }

    private static void Add(Dictionary<string, List<double>> map, string key, double value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }

    private static Dictionary<string, double> Medians(Dictionary<string, List<double>> map) =>
        map.Select(kv => (kv.Key, Median: Median(kv.Value))).Where(m => m.Median > 0).ToDictionary(m => m.Key, m => m.Median, StringComparer.Ordinal);

    private static double Median(List<double> values)
    {
        values.Sort();
        var n = values.Count;
        return n == 0 ? 0 : n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }

    /// <summary>What the tables need of one settlement.</summary>
    private sealed record Seen(string PatientId, string Disease, int Month, double DrugAmount, (string Drug, double Qpd)[] QuantityPerDay)
    {
        public static Seen Of(Settlement s)
        {
            double drug = 0;
            var qpd = new List<(string, double)>();
            foreach (var l in s.Lines)
            {
                if (l.ItemType != ItemType.Drug)
                {
                    continue;
                }

                drug += (double)l.Amount;
                qpd.Add((l.ItemCode, (double)l.Quantity / (l.DaysSupply ?? 1)));
            }

            return new Seen(s.PatientId, s.DiseaseCode, (s.ServiceDate.Year * 12) + s.ServiceDate.Month, drug, qpd.ToArray());
        }
    }
}
