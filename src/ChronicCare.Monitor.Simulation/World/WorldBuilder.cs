using Bogus;

namespace ChronicCare.Monitor.Simulation.World;

/// <summary>
/// Builds 1-3 cities and their facilities: about one facility per 150 patients (at least 12, and at least 8 per
/// city so that every kind exists everywhere). Names come from Bogus' zh_CN locale with a seeded randomizer.
/// </summary>
internal static class WorldBuilder
{
    private static readonly string[] PharmacyChains = ["国大药房", "老百姓大药房", "益丰大药房", "海王星辰", "一心堂", "大参林", "华东大药房"];

    public static WorldModel Build(int patients, int seed)
    {
        var rng = Rng.Fork(seed, Streams.World, 0);
        var faker = new Faker("zh_CN") { Random = new Randomizer(seed) };
        var cityCount = patients < 1000 ? 1 : patients < 3000 ? 2 : 3;
        var picks = new List<int> { 0, 1 };
        picks.Add(2 + rng.Next(CityData.All.Length - 2));
        var cities = new List<City>();
        for (var i = 0; i < cityCount; i++)
        {
            var (code, name, districts, hospitals) = CityData.All[picks[i]];
            cities.Add(new City(i, code, name, districts.Select(d => new District(d.Code, d.Name)).ToArray(), hospitals));
        }

        double[] weights = cityCount switch
        {
            1 => [1.0],
            2 => [0.6, 0.4],
            _ => [0.5, 0.3, 0.2],
        };

        var total = Math.Max(Math.Max(12, 8 * cityCount), (int)Math.Round(patients / 150.0));
        var facilities = new List<FacilityInfo>();
        var serials = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var city in cities)
        {
            var n = Math.Max(8, (int)Math.Round(total * weights[city.Index]));
            AddCity(city, n, rng, faker, facilities, serials);
        }

        return new WorldModel(cities.ToArray(), weights, facilities.ToArray());
    }

    private static void AddCity(City city, int n, Rng rng, Faker faker, List<FacilityInfo> facilities, Dictionary<string, int> serials)
    {
        var hospitals = Math.Max(2, (int)Math.Round(0.18 * n));
        var level3 = Math.Max(1, (int)Math.Round(hospitals / 3.0));
        var community = Math.Max(2, (int)Math.Round(0.32 * n));
        var clinics = Math.Max(1, (int)Math.Round(0.15 * n));
        var pharmacies = Math.Max(2, n - hospitals - community - clinics);
        for (var i = 0; i < hospitals; i++)
        {
            var level = i < level3 ? 3 : 2;
            var district = i < level3 ? city.Districts[0] : city.Districts[i % city.Districts.Length];
            var name = level == 3
                ? (i < city.HospitalNames.Length ? city.HospitalNames[i] : $"{city.Name}市第{i + 1}人民医院")
                : (i % 3) switch
                {
                    0 => $"{district.Name}人民医院",
                    1 => $"{district.Name}中医院",
                    _ => $"{district.Name}第二人民医院",
                };
            Add(facilities, serials, rng, name, FacilityKind.Hospital, level, district, city, false);
        }

        for (var i = 0; i < community; i++)
        {
            var district = city.Districts[i % city.Districts.Length];

            // 基本药物零差率: many community centres may dispense essential drugs only (seed Lianyungang 四(四));
            // the first one of each city always does, so the R10(b) pattern has somewhere to happen.
            var essentialOnly = i == 0 || rng.Chance(0.4);
            Add(facilities, serials, rng, $"{district.Name}{faker.Address.StreetName()}社区卫生服务中心", FacilityKind.Community, 1, district, city, essentialOnly);
        }

        for (var i = 0; i < clinics; i++)
        {
            var district = city.Districts[rng.Next(city.Districts.Length)];
            var level = rng.Chance(0.5) ? 1 : 0;
            var name = level == 1
                ? $"{district.Name}{faker.Address.StreetName()}门诊部"
                : $"{faker.Name.LastName()}{faker.Name.FirstName()}诊所";
            Add(facilities, serials, rng, name, FacilityKind.Clinic, level, district, city, rng.Chance(0.3));
        }

        for (var i = 0; i < pharmacies; i++)
        {
            var district = city.Districts[rng.Next(city.Districts.Length)];
            var name = $"{PharmacyChains[rng.Next(PharmacyChains.Length)]}({faker.Address.StreetName()}店)";
            Add(facilities, serials, rng, name, FacilityKind.Pharmacy, 0, district, city, false);
        }
    }

    private static void Add(List<FacilityInfo> facilities, Dictionary<string, int> serials, Rng rng, string name, FacilityKind kind, int level, District district, City city, bool essentialOnly)
    {
        // Pharmacies number from 101 as in the contract examples (F320705101), other facilities from 001; a
        // district with more than 100 of either (very large runs) switches to a 5-digit serial to stay unique.
        var key = kind == FacilityKind.Pharmacy ? district.Code + "P" : district.Code;
        serials.TryGetValue(key, out var serial);
        serial++;
        serials[key] = serial;
        var id = serial < 100
            ? $"F{district.Code}{(kind == FacilityKind.Pharmacy ? 100 + serial : serial):D3}"
            : $"F{district.Code}{(kind == FacilityKind.Pharmacy ? 50000 + serial : serial):D5}";
        var index = facilities.Count;
        var doctors = kind switch
        {
            FacilityKind.Hospital => rng.Between(6, 12),
            FacilityKind.Community => rng.Between(3, 6),
            FacilityKind.Clinic => rng.Between(1, 2),
            _ => 0,
        };
        var prescribers = new Prescriber[doctors];
        for (var d = 0; d < doctors; d++)
        {
            prescribers[d] = new Prescriber($"D{index + 1:D4}{d + 1:D2}", Title(kind, level, rng));
        }

        facilities.Add(new FacilityInfo(index, id, name, kind, level, district.Code, city.Index, essentialOnly, prescribers, rng.Between(0.6, 1.6)));
    }

    private static PrescriberTitle Title(FacilityKind kind, int level, Rng rng)
    {
        var x = rng.NextDouble();
        return kind switch
        {
            FacilityKind.Hospital when level == 3 => x < 0.4 ? PrescriberTitle.Attending : x < 0.8 ? PrescriberTitle.AssociateChief : PrescriberTitle.Chief,
            FacilityKind.Hospital => x < 0.3 ? PrescriberTitle.Resident : x < 0.8 ? PrescriberTitle.Attending : PrescriberTitle.AssociateChief,
            _ => x < 0.55 ? PrescriberTitle.Resident : PrescriberTitle.Attending,
        };
    }
}
