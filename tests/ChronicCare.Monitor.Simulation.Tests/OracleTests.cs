using ChronicCare.Monitor.Simulation.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ChronicCare.Monitor.Simulation.Tests;

public sealed class OracleTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(3000, 12, 11, 0.05, "2026-01-01")]
    [InlineData(1500, 24, 12, 0.08, "2026-07-01")]
    [InlineData(600, 6, 13, 0.2, "2026-01-01")]
    public void Alerts_ExactRules_MatchLabelsExactly(int patients, int months, int seed, double rate, string start)
    {
        using var sim = new TempSimulation(patients, months, seed, rate, DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture));
        var d = ContractData.Load(sim.Dir);
        var expected = new HashSet<(string, string)>();
        foreach (var label in d.Labels)
        {
            foreach (var rule in label.Rules.Where(r => r is not ("R12" or "R13")))
            {
                foreach (var id in label.SettlementIds)
                {
                    expected.Add((id, rule));
                }
            }
        }

        var actual = ContractOracle.Alerts(d).SelectMany(kv => kv.Value.Select(r => (kv.Key, r))).ToHashSet();
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        foreach (var (id, rule) in missing.Take(20))
        {
            output.WriteLine($"missing {rule} on {id} ({d.Labels.First(l => l.SettlementIds.Contains(id)).Pattern})");
        }

        foreach (var (id, rule) in extra.Take(40))
        {
            var label = d.Labels.FirstOrDefault(l => l.PatientId == d.Settlements[id].PatientId);
            output.WriteLine($"extra {rule} on {id} patient {d.Settlements[id].PatientId} label {label?.Pattern}");
        }

        Assert.Empty(missing);
        Assert.Empty(extra);
    }
}
