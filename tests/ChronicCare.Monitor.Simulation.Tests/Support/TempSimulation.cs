namespace ChronicCare.Monitor.Simulation.Tests.Support;

/// <summary>A simulation written to a fresh temporary folder, deleted on dispose.</summary>
internal sealed class TempSimulation : IDisposable
{
    public TempSimulation(int patients, int months, int seed, double fraudRate = 0.02, DateOnly? start = null, bool verified = false)
    {
        Dir = Path.Combine(Path.GetTempPath(), $"ccsim-{Guid.NewGuid():N}");
        var options = new SimulationOptions(Dir, patients, months, seed, fraudRate) { Start = start ?? new DateOnly(2026, 1, 1) };
        Summary = verified ? Simulator.RunVerified(options) : Simulator.Run(options);
    }

    public string Dir { get; }

    public SimulationSummary Summary { get; }

    public string PathOf(string file) => System.IO.Path.Combine(Dir, file);

    public void Dispose()
    {
        if (Directory.Exists(Dir))
        {
            Directory.Delete(Dir, recursive: true);
        }
    }
}
