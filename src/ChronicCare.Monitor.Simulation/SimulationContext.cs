using ChronicCare.Monitor.Simulation.Catalog;
using ChronicCare.Monitor.Simulation.World;

namespace ChronicCare.Monitor.Simulation;

/// <summary>What every generator shares for one run: options, the fixed catalog, the world and the window.</summary>
internal sealed class SimulationContext
{
    public SimulationContext(SimulationOptions options)
    {
        Options = options;
        Seed = options.Seed;
        Catalog = MedicalCatalog.Instance;
        World = WorldBuilder.Build(options.Patients, options.Seed);
        Start = options.Start;
        End = options.Start.AddMonths(options.Months);
    }

    public SimulationOptions Options { get; }

    public int Seed { get; }

    public MedicalCatalog Catalog { get; }

    public WorldModel World { get; }

    /// <summary>First simulated day.</summary>
    public DateOnly Start { get; }

    /// <summary>First day after the simulation (exclusive end).</summary>
    public DateOnly End { get; }

    public int Patients => Options.Patients;

    /// <summary>
    /// Person ids share one number space so that nothing in the id tells a patient from a relative or a card
    /// collector: 1..N are the patients, N+1..2N their relatives, above 2N extra people (collectors).
    /// </summary>
    public string PersonId(long number) => $"H{number:D9}";

    public string ExtraPersonId(int k) => PersonId((2L * Patients) + 1 + k);

    /// <summary>Month number since <see cref="Start"/>'s month (for per-month bookkeeping).</summary>
    public int MonthIndex(DateOnly date) => ((date.Year - Start.Year) * 12) + date.Month - Start.Month;
}
