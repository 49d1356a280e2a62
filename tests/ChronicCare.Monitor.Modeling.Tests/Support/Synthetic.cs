namespace ChronicCare.Monitor.Modeling.Tests.Support;

/// <summary>A Gaussian blob with a planted cluster of outliers far out on one feature.</summary>
internal static class Synthetic
{
    public const int Dimensions = 5;

    /// <summary>The feature the planted outliers deviate on.</summary>
    public const int Deviating = 2;

    public static (double[][] Rows, bool[] Anomaly) Blob(int normals, int outliers, ulong seed)
    {
        var rng = new DeterministicRng(seed);
        var rows = new List<double[]>();
        var anomaly = new List<bool>();
        for (var i = 0; i < normals + outliers; i++)
        {
            var row = new double[Dimensions];
            for (var j = 0; j < Dimensions; j++)
            {
                row[j] = Gauss(rng);
            }

            var isOutlier = i >= normals;
            if (isOutlier)
            {
                row[Deviating] = 8 + (0.5 * Gauss(rng));
            }

            rows.Add(row);
            anomaly.Add(isOutlier);
        }

        return ([.. rows], [.. anomaly]);
    }

    /// <summary>An ordinary vector with one feature far out.</summary>
    public static double[] Outlier() => [0.1, -0.2, 9, 0.3, 0];

    private static double Gauss(DeterministicRng rng)
    {
        var u = 1 - rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * rng.NextDouble());
    }
}
