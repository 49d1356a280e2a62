namespace ChronicCare.Monitor.Simulation.Rules;

/// <summary>A set of rule numbers (R01..R15) as bits: bit n is rule Rn.</summary>
internal static class RuleSet
{
    public const int None = 0;

    public static int Of(params int[] rules)
    {
        var set = 0;
        foreach (var r in rules)
        {
            set |= 1 << r;
        }

        return set;
    }

    public static bool Has(int set, int rule) => (set & (1 << rule)) != 0;

    public static IEnumerable<int> Rules(int set)
    {
        for (var r = 1; r <= 15; r++)
        {
            if (Has(set, r))
            {
                yield return r;
            }
        }
    }

    public static string Name(int rule) => $"R{rule:D2}";
}
