using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.Tests.Support;
using FsCheck.Xunit;
using Xunit;
using static ChronicCare.Monitor.Tests.Support.SettlementBuilder;

namespace ChronicCare.Monitor.Tests.Engine;

/// <summary>
/// Bounded state: history older than the allowed lateness is folded into a carry (supply ledger, first
/// facilities, quota sums, incidents, actions) and dropped. Events that arrive within the lateness are judged
/// exactly as with full history; an event older than that says so in its evidence.
/// </summary>
public sealed class PruningTests
{
    private static readonly DetectionPolicy Short = DetectionPolicy.Default with { AllowedLatenessDays = 10 };

    [Property(MaxTest = 100)]
    public bool FinalState_InOrderStreamWithShortLateness_SameAsFullHistory(int seed)
    {
        var rng = new Random(seed);
        var (reference, events) = OrderIndependenceTests.Scenario(rng);
        var settlements = events.OfType<Settlement>().ToList();
        // In time order; each reversal right behind its settlement (within the lateness).
        var ordered = new List<InputEvent>();
        foreach (var e in events.Where(e => e is not Reversal).OrderBy(TimeOf))
        {
            ordered.Add(e);
            if (e is Settlement s)
            {
                ordered.AddRange(events.OfType<Reversal>().Where(r => r.SettlementId == s.SettlementId));
            }
        }

        var full = new EngineDriver(World.Reference(OrderIndependenceTests.PatientsOf(reference)), DetectionPolicy.Default with { AllowedLatenessDays = 3660 });
        var expected = OrderIndependenceTests.Outcome(full.Apply([.. ordered]));
        var pruning = new EngineDriver(World.Reference(OrderIndependenceTests.PatientsOf(reference)), Short);
        foreach (var e in ordered)
        {
            pruning.Engine.Apply(e);
            if (rng.Next(2) == 0)
            {
                pruning.Flush();
            }
        }

        var actual = OrderIndependenceTests.Outcome(pruning.Flush());
        Assert.True(settlements.Count == 0 || pruning.Engine.Stats.SettlementsPruned > 0 || settlements.Max(s => s.ServiceDate).DayNumber - settlements.Min(s => s.ServiceDate).DayNumber <= 10);
        Assert.Equal(expected, actual);
        return true;
    }

    [Fact]
    public void Evaluate_EventOlderThanLateness_SaysSoInEvidence()
    {
        var d = new EngineDriver(policy: Short);
        d.ApplyEach(
            S("S1").On("2026-01-01").Drug(World.Amlodipine, 30),
            S("S2").On("2026-03-01").Drug(World.Amlodipine, 30),
            S("S3").On("2026-05-01").Drug(World.Amlodipine, 30));
        Assert.True(d.Engine.Stats.SettlementsPruned >= 2);

        // Arrives long after the horizon (2026-04-21): judged on what was kept, and the evidence says so.
        d.ApplyEach(S("S0").On("2026-02-20").Drug(World.Amlodipine, 60));
        var alert = d.OpenAlert("R02", "S0");
        Assert.Contains("allowed lateness", alert.EvidenceJson, StringComparison.Ordinal);
        Assert.Equal(1, d.Engine.Stats.LateBeyondLateness);
    }

    [Fact]
    public void Evaluate_AfterPruning_StackedSupplyStillCounts()
    {
        // S1 (84-day long prescription from 01-01, covered until 03-26) is pruned before S2 arrives; S2 on 03-18 still sees 8 days left > 7.
        var d = new EngineDriver(policy: Short);
        d.ApplyEach(
            S("S1").On("2026-01-01").Long().Drug(World.Amlodipine, 84),
            S("SX").On("2026-03-10").Drug(World.Atorvastatin, 30),
            S("S2").On("2026-03-18").Drug(World.Amlodipine, 30));
        Assert.True(d.Engine.Stats.SettlementsPruned >= 1);
        Assert.Equal(["R01:S2"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_DuplicateOfPrunedSettlementWithinTwiceTheLateness_StillADuplicate()
    {
        // Settlement ids are remembered for twice the lateness, so a late duplicate of a pruned settlement is known.
        var d = new EngineDriver(policy: Short);
        Settlement s1 = S("S1").On("2026-01-01").Drug(World.Amlodipine, 30);
        d.ApplyEach(s1, S("S2").On("2026-01-16").Drug(World.Atorvastatin, 30), s1);
        Assert.Equal(1, d.Engine.Stats.SettlementsPruned);
        Assert.Equal(1, d.Engine.Stats.Duplicates);
        Assert.Empty(d.OpenIds);
    }

    private static long TimeOf(InputEvent e) => e switch
    {
        Settlement s => s.SettledAt.UtcTicks,
        Admission a => a.AdmittedAt.UtcTicks,
        Discharge x => x.DischargedAt.UtcTicks,
        _ => 0,
    };

    private static Timestamp Ts(string s) => IsoTimestamp.TryParse(s, out var t) ? t : throw new ArgumentException(s);
}
