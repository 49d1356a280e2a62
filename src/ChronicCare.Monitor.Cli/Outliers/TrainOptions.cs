namespace ChronicCare.Monitor.Cli.Outliers;

/// <summary>
/// Options of <c>chroniccare train</c>.
/// </summary>
/// <param name="ReferenceDir">The reference folder of the training events.</param>
/// <param name="EventsFile">The training events (JSONL, any order).</param>
/// <param name="OutDir">The model's version folder, e.g. <c>models/outlier-v2</c>; its name is the version.</param>
/// <param name="PolicyPath">The policy (its <c>outlier.target_alert_rate</c> calibrates the threshold); null = the default.</param>
/// <param name="LabelsFile">The simulator's labels, for the evaluation; null = <c>labels.jsonl</c> beside the events if there, else none.</param>
/// <param name="Kind"><c>auto</c> (chosen by the evaluation), <c>isolation_forest</c> or <c>pca</c>.</param>
/// <param name="Seed">The same seed and data give the same model, byte for byte.</param>
/// <param name="Trees">Isolation Forest trees.</param>
/// <param name="OddsDir">ODDS tables to benchmark for the model card; null = <c>../shared/datasets/odds</c> if there; <c>none</c> = skip.</param>
/// <param name="ShowProgress">Progress on stderr.</param>
/// <param name="FeaturesCsv">Also write every training settlement's raw features to this CSV; null = no.</param>
internal sealed record TrainOptions(
    string ReferenceDir,
    string EventsFile,
    string OutDir,
    string? PolicyPath = null,
    string? LabelsFile = null,
    string Kind = "auto",
    ulong Seed = 42,
    int Trees = 200,
    string? OddsDir = null,
    bool ShowProgress = true,
    string? FeaturesCsv = null)
{
    /// <summary>Share of the patients (by a hash of the id) held out of fitting to evaluate on.</summary>
    public const double HoldoutShare = 0.3;

    public static readonly string[] Kinds = ["auto", "isolation_forest", "pca"];

    public string Version => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(OutDir)));

    public TrainOptions Validate()
    {
        if (!Kinds.Contains(Kind, StringComparer.Ordinal))
        {
            throw new ArgumentException($"--kind must be one of {string.Join(", ", Kinds)} (got {Kind})");
        }

        if (Trees is < 1 or > 10_000)
        {
            throw new ArgumentException("--trees must be in 1..10000");
        }

        if (ModelLocator.VersionNumber(Version) is null)
        {
            throw new ArgumentException($"--out must name a version folder {ModelLocator.VersionPrefix}N (got {Version}), N a whole number without leading zeros, so that the highest version is the one in use");
        }

        return this;
    }
}
