namespace ChronicCare.Monitor.Cli.Detection;

/// <summary>
/// Options of <c>chroniccare detect</c> (contract §7).
/// </summary>
/// <param name="ReferenceDir">Folder with facilities.jsonl, drugs.jsonl, diseases.jsonl, patients.jsonl.</param>
/// <param name="EventsFile">Events as JSONL, in any order.</param>
/// <param name="OutDir">Where alerts.jsonl, actions.jsonl and dead-letter.jsonl go (created if missing).</param>
/// <param name="PolicyPath">A policy file or folder; null = the built-in default (the same as pipelines/policies/default).</param>
/// <param name="Parallelism">Cores to use for parsing and evaluation; default all.</param>
/// <param name="FlushEvery">Events between engine flushes; default 500,000 (bounds memory on large files; the result does not depend on it).</param>
/// <param name="ShowProgress">Progress on stderr.</param>
/// <param name="ReviewsFile">Triage decisions (JSONL, <c>"type":"review"</c>) applied with the events; null = none.</param>
/// <param name="Store">The analytics store to record into and read reviews from; null = none.</param>
/// <param name="Model">R15's model (<c>--model</c>, see <see cref="Outliers.ModelLocator"/>): a model file, its folder, a folder of versions, or <c>none</c>; null = the default.</param>
internal sealed record DetectOptions(
    string ReferenceDir,
    string EventsFile,
    string OutDir,
    string? PolicyPath = null,
    int Parallelism = 0,
    int FlushEvery = 500_000,
    bool ShowProgress = true,
    string? ReviewsFile = null,
    Analytics.StoreChoice? Store = null,
    string? Model = null)
{
    /// <summary>Training only: every settlement's features are captured here, R15 is off and no output file is written.</summary>
    public Monitor.Outliers.FeatureCapture? Capture { get; init; }

    public int EffectiveParallelism => Parallelism > 0 ? Parallelism : Environment.ProcessorCount;

    /// <summary>Throws <see cref="ArgumentException"/> with a one-line reason.</summary>
    public DetectOptions Validate()
    {
        if (Parallelism < 0)
        {
            throw new ArgumentException("--threads must be >= 0 (0 = all cores)");
        }

        if (FlushEvery < 1)
        {
            throw new ArgumentException("--flush-every must be >= 1");
        }

        return this;
    }
}
