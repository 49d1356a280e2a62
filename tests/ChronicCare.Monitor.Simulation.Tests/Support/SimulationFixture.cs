namespace ChronicCare.Monitor.Simulation.Tests.Support;

/// <summary>
/// One verified simulation shared by the format and oracle tests: 3,000 patients for a year, 5% of them with a
/// deviation (every pattern appears several times). Verified means the simulator itself proved every
/// unlabelled patient silent under the exact rules, or the run would have thrown.
/// </summary>
public sealed class SimulationFixture : IDisposable
{
    private readonly TempSimulation _sim = new(3000, 12, 11, 0.05, verified: true);
    private ContractData? _data;

    public string Dir => _sim.Dir;

    public SimulationSummary Summary => _sim.Summary;

    internal ContractData Data => _data ??= ContractData.Load(_sim.Dir);

    public void Dispose() => _sim.Dispose();
}
