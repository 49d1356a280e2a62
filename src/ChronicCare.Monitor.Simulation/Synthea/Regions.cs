namespace ChronicCare.Monitor.Simulation.Synthea;

/// <summary>Synthea places are UK/US counties and cities: each is mapped by a stable hash to one of a few districts of two cities.</summary>
internal static class Regions
{
    private static readonly string[] Codes = ["330302", "330303", "330304", "320705", "320706"];

    public static string For(string place) => Codes[StableHash.Pick("region", place, Codes.Length)];
}
