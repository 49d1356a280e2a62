using System.Text;
using ChronicCare.Monitor.Kafka.Producing;
using ChronicCare.Monitor.Simulation;

namespace ChronicCare.Monitor.Streaming.Tests.Support;

/// <summary>A reference folder and an events file, with each line's Kafka key as `produce` gives it.</summary>
internal sealed record Dataset(string ReferenceDir, string EventsFile, IReadOnlyList<(string? Key, byte[] Value)> Messages)
{
    private static readonly Lazy<Dataset> SimulatedCity = new(() => Simulate(patients: 400, months: 6, seed: 11, fraudRate: 0.15));

    private static readonly Lazy<Dataset> LargerCity = new(() => Simulate(patients: 1500, months: 6, seed: 23, fraudRate: 0.1));

    /// <summary>A city big enough that a processor can be killed in mid-stream, small enough for the mock cluster's retention.</summary>
    public static Dataset Larger => LargerCity.Value;

    /// <summary>A small simulated city with every fraud pattern likely present, card-collection rings across partitions among them.</summary>
    public static Dataset Simulated => SimulatedCity.Value;

    /// <summary>The contract's examples (a dead letter, a duplicate, a reversal).</summary>
    public static Dataset ContractExamples { get; } = Load(Path.Combine(RepoPaths.Shared, "contract", "examples"), Path.Combine(RepoPaths.Shared, "contract", "examples", "events.jsonl"));

    public static Dataset Simulate(int patients, int months, int seed, double fraudRate)
    {
        var dir = Directory.CreateTempSubdirectory("chroniccare-streaming-tests-").FullName;
        Simulator.Run(new SimulationOptions(dir, patients, months, seed, fraudRate));
        return Load(dir, Path.Combine(dir, "events.jsonl"));
    }

    public static Dataset Load(string referenceDir, string eventsFile)
    {
        var lines = File.ReadAllLines(eventsFile).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        var keys = EventKeys.FromLines(lines);
        var messages = lines.Select(l => Encoding.UTF8.GetBytes(l)).Select(v => (keys.KeyOf(v), v)).ToList();
        return new Dataset(referenceDir, eventsFile, messages);
    }
}
