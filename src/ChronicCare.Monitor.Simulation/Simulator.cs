namespace ChronicCare.Monitor.Simulation;

/// <summary>
/// Writes a simulated world into <see cref="SimulationOptions.OutDir"/>: facilities.jsonl, drugs.jsonl,
/// diseases.jsonl, patients.jsonl (contract §1), events.jsonl (§2) and labels.jsonl (the injected deviations).
/// Patients are generated and written one at a time, so memory does not grow with the number of events.
/// </summary>
public static class Simulator
{
    public static SimulationSummary Run(SimulationOptions options, IProgress<SimulationProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new SimulationRun(options, verify: false).Execute(progress, ct);
    }

    /// <summary>As <see cref="Run"/>, but proves every unlabelled patient silent under the exact rules (tests).</summary>
    internal static SimulationSummary RunVerified(SimulationOptions options)
    {
        options.Validate();
        return new SimulationRun(options, verify: true).Execute(null, CancellationToken.None);
    }
}
