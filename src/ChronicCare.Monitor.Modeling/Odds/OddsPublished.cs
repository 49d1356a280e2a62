namespace ChronicCare.Monitor.Modeling.Odds;

/// <summary>
/// PyOD's published ROC-AUC figures (benchmark table, mean of 10 random 60/40 splits, standardised) for the six ODDS
/// tables it shares with the shared folder: the yardstick for ours.
/// </summary>
internal static class OddsPublished
{
    public const double IsolationForestMean = 0.827;

    private static readonly Dictionary<string, (double IsolationForest, double Pca)> Figures = new(StringComparer.Ordinal)
    {
        ["cardio"] = (0.924, 0.953),
        ["pima"] = (0.668, 0.641),
        ["satellite"] = (0.701, 0.596),
        ["shuttle"] = (0.997, 0.990),
        ["vowels"] = (0.741, 0.595),
        ["wbc"] = (0.932, 0.924),
    };

    /// <summary>The tables with published figures, in the order the report lists them.</summary>
    public static IReadOnlyList<string> Tables { get; } = ["cardio", "pima", "satellite", "shuttle", "vowels", "wbc"];

    /// <summary>Where <paramref name="table"/> stands in <see cref="Tables"/>; after them all when it has no figure.</summary>
    public static int Rank(string table)
    {
        for (var i = 0; i < Tables.Count; i++)
        {
            if (Tables[i] == table)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    public static (double IsolationForest, double Pca)? Of(string table) => Figures.TryGetValue(table, out var f) ? f : null;

    /// <summary>A note on a table whose shared copy differs from the one the figure was measured on.</summary>
    public static string? Note(string table) => table == "shuttle"
        ? "the shared shuttle.csv holds 12,345 rows, a subsample of the 49,097 the published figures were measured on"
        : null;
}
