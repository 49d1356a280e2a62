using ChronicCare.Monitor.Modeling.Pca;

namespace ChronicCare.Monitor.Modeling.Odds;

/// <summary>The ODDS benchmark's protocol: PyOD's (random 60/40 splits, means over them) with our shipped models.</summary>
internal sealed record OddsBenchmarkOptions(string Folder, int Splits = 10, ulong Seed = 42, int Trees = 200)
{
    public int SampleSize { get; init; } = 256;

    /// <summary>The test share of each split, as PyOD's train_test_split(test_size = 0.4), unstratified.</summary>
    public double TestShare { get; init; } = 0.4;

    public PcaOptions Pca { get; init; } = new();

    /// <summary>Only these tables (file names without .csv), else every CSV in the folder.</summary>
    public IReadOnlyList<string>? Tables { get; init; }

    public OddsBenchmarkOptions Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Folder);
        if (Splits < 1)
        {
            throw new ArgumentException($"--splits must be ≥ 1 (got {Splits})");
        }

        if (Trees < 1)
        {
            throw new ArgumentException($"--trees must be ≥ 1 (got {Trees})");
        }

        if (TestShare is <= 0 or >= 1)
        {
            throw new ArgumentException($"the test share must be in (0, 1) (got {TestShare})");
        }

        Pca.Validate();
        return this;
    }
}
