using ChronicCare.Monitor.Simulation.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Simulation.Tests;

public sealed class SimulatorDeterminismTests
{
    private static readonly string[] Files = ["facilities.jsonl", "drugs.jsonl", "diseases.jsonl", "patients.jsonl", "events.jsonl", "labels.jsonl"];

    [Fact]
    public void Run_SameSeed_WritesByteIdenticalFiles()
    {
        using var a = new TempSimulation(400, 6, 5, 0.1);
        using var b = new TempSimulation(400, 6, 5, 0.1);
        foreach (var file in Files)
        {
            Assert.True(File.ReadAllBytes(a.PathOf(file)).AsSpan().SequenceEqual(File.ReadAllBytes(b.PathOf(file))), $"{file} differs between two runs with the same seed");
        }

        Assert.Equal(a.Summary.BytesWritten, b.Summary.BytesWritten);
    }

    [Fact]
    public void Run_DifferentSeed_WritesDifferentEvents()
    {
        using var a = new TempSimulation(200, 3, 5);
        using var b = new TempSimulation(200, 3, 6);
        Assert.False(File.ReadAllBytes(a.PathOf("events.jsonl")).AsSpan().SequenceEqual(File.ReadAllBytes(b.PathOf("events.jsonl"))));
        Assert.False(File.ReadAllBytes(a.PathOf("patients.jsonl")).AsSpan().SequenceEqual(File.ReadAllBytes(b.PathOf("patients.jsonl"))));
    }

    [Fact]
    public void Run_FraudRateZero_WritesNoLabelsAndEveryPatientIsSilent()
    {
        // Verified: the simulator proves every patient silent under R01-R11 or throws.
        using var sim = new TempSimulation(500, 12, 8, 0, verified: true);
        Assert.Equal(0, sim.Summary.Labels);
        Assert.Equal(0, new FileInfo(sim.PathOf("labels.jsonl")).Length);
        Assert.Empty(ContractOracle.Alerts(ContractData.Load(sim.Dir)));
    }
}
