namespace ChronicCare.Monitor.Simulation.Catalog;

/// <summary>Collects the catalog definitions of <see cref="CatalogData"/> and derives codes and indices.</summary>
internal sealed class CatalogBuilder
{
    private readonly List<DiseaseInfo> _diseases = [];
    private readonly List<IngredientInfo> _ingredients = [];
    private readonly List<DrugInfo> _drugs = [];
    private readonly List<ServiceItem> _services = [];
    private readonly Dictionary<string, int> _atcCounts = new(StringComparer.Ordinal);

    public void Service(string code, string name, decimal price, bool treatment = false) =>
        _services.Add(new ServiceItem(_services.Count, code, name, ToCents(price), treatment));

    public void Disease(string code, string name, int quotaYuan, double weight, bool hospitalLed, char? sex, params string[] examCodes)
    {
        var exams = examCodes.Select(c => _services.First(s => s.Code == c).Index).ToArray();
        _diseases.Add(new DiseaseInfo(_diseases.Count, code, name, quotaYuan * 100L, sex, weight, exams, hospitalLed));
    }

    /// <summary>
    /// An ingredient and its products. The drug code follows the national pattern seen in the contract examples:
    /// X + ATC level 4 + a letter per ingredient within that class + a 3-digit product number.
    /// A product label starting with '（' names a second generic maker; otherwise it is a brand name.
    /// </summary>
    public void Ingredient(
        string name,
        string zh,
        string strength,
        string atc,
        string diseases,
        double[] doses,
        (string? Label, decimal Price, bool Essential)[] products,
        char? gender = null,
        int? minAge = null,
        int? maxAge = null)
    {
        _atcCounts.TryGetValue(atc, out var n);
        _atcCounts[atc] = n + 1;
        var letter = (char)('A' + n);
        var diseaseIdx = diseases.Split(' ').Select(c => _diseases.First(d => d.Code == c).Index).ToArray();
        var productIdx = new int[products.Length];
        for (var i = 0; i < products.Length; i++)
        {
            var (label, price, essential) = products[i];
            var display = label switch
            {
                null => $"{zh} {strength}",
                _ when label.StartsWith('（') => $"{zh} {strength}{label}",
                _ => $"{label} {zh} {strength}",
            };
            productIdx[i] = _drugs.Count;
            _drugs.Add(new DrugInfo(_drugs.Count, $"X{atc}{letter}{i + 1:D3}", display, _ingredients.Count, ToCents(price), essential));
        }

        _ingredients.Add(new IngredientInfo(_ingredients.Count, name, zh, atc, diseaseIdx, gender, minAge, maxAge, doses, productIdx));
    }

    public MedicalCatalog Build() => new(_diseases.ToArray(), _ingredients.ToArray(), _drugs.ToArray(), _services.ToArray());

    private static long ToCents(decimal yuan) => (long)decimal.Round(yuan * 100m, 0, MidpointRounding.AwayFromZero);
}
