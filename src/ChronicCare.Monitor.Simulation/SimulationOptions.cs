namespace ChronicCare.Monitor.Simulation;

/// <summary>
/// What to simulate: <paramref name="Patients"/> enrolled chronic-disease patients over <paramref name="Months"/>
/// months from <see cref="Start"/>, with <paramref name="FraudRate"/> of them carrying one labelled deviation.
/// The same options (seed included) always produce byte-identical files.
/// </summary>
public sealed record SimulationOptions(string OutDir, int Patients, int Months, int Seed, double FraudRate = 0.02)
{
    /// <summary>First simulated day (service dates are in China Standard Time, +08:00).</summary>
    public DateOnly Start { get; init; } = new(2026, 1, 1);

    /// <summary>Throws <see cref="ArgumentException"/> with a one-line message when an option is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(OutDir))
        {
            throw new ArgumentException("the output directory must be given", nameof(OutDir));
        }

        if (Patients < 1)
        {
            throw new ArgumentException($"patients must be at least 1 (got {Patients})", nameof(Patients));
        }

        if (Months is < 1 or > 120)
        {
            throw new ArgumentException($"months must be between 1 and 120 (got {Months})", nameof(Months));
        }

        if (double.IsNaN(FraudRate) || FraudRate is < 0 or > 0.5)
        {
            throw new ArgumentException($"fraud rate must be between 0 and 0.5 (got {FraudRate})", nameof(FraudRate));
        }

        if (Start.Year < 2000 || Start.AddMonths(Months).Year > 2200)
        {
            throw new ArgumentException($"start must be a date between 2000 and 2200 (got {Start:yyyy-MM-dd})", nameof(Start));
        }
    }
}
