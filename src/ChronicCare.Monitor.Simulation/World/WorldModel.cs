namespace ChronicCare.Monitor.Simulation.World;

/// <summary>The cities and facilities of one simulation, with per-city lookups by kind.</summary>
internal sealed class WorldModel
{
    public WorldModel(City[] cities, double[] cityWeights, FacilityInfo[] facilities)
    {
        Cities = cities;
        CityWeights = cityWeights;
        Facilities = facilities;
        Grassroots = ByCity(f => f.Class == FacilityClass.Grassroots);
        Hospitals = ByCity(f => f.Class == FacilityClass.Hospital);
        Pharmacies = ByCity(f => f.Kind == FacilityKind.Pharmacy);
        GrassrootsWeights = Weights(Grassroots);
        HospitalWeights = Weights(Hospitals);
        PharmacyWeights = Weights(Pharmacies);
    }

    public City[] Cities { get; }

    public double[] CityWeights { get; }

    public FacilityInfo[] Facilities { get; }

    public FacilityInfo[][] Grassroots { get; }

    public FacilityInfo[][] Hospitals { get; }

    public FacilityInfo[][] Pharmacies { get; }

    /// <summary>
    /// Cumulative popularity weights parallel to <see cref="Grassroots"/> etc., for <see cref="Rng.PickCumulative"/>
    /// (a binary search: large worlds have hundreds of facilities per city).
    /// </summary>
    public double[][] GrassrootsWeights { get; }

    public double[][] HospitalWeights { get; }

    public double[][] PharmacyWeights { get; }

    private static double[][] Weights(FacilityInfo[][] byCity) => byCity.Select(Cumulative).ToArray();

    private static double[] Cumulative(FacilityInfo[] facilities)
    {
        var sums = new double[facilities.Length];
        var total = 0.0;
        for (var i = 0; i < facilities.Length; i++)
        {
            total += facilities[i].Weight;
            sums[i] = total;
        }

        return sums;
    }

    private FacilityInfo[][] ByCity(Func<FacilityInfo, bool> predicate) =>
        Cities.Select(c => Facilities.Where(f => f.City == c.Index && predicate(f)).ToArray()).ToArray();
}
