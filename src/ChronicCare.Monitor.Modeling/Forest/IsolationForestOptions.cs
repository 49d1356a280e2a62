namespace ChronicCare.Monitor.Modeling.Forest;

/// <summary>Isolation Forest training settings; the defaults are Liu et al.'s (100 trees suffice there; 200 steadies the scores).</summary>
internal sealed record IsolationForestOptions(int Trees = 200, int SampleSize = 256, ulong Seed = 42)
{
    public IsolationForestOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Trees);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(SampleSize);
        return this;
    }
}
