using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Engine;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.Tests.State;
using ChronicCare.Monitor.Tests.Support;
using FsCheck.Xunit;
using Xunit;
using static ChronicCare.Monitor.Tests.Support.SettlementBuilder;

namespace ChronicCare.Monitor.Tests.Engine;

/// <summary>
/// The stream runtime stores every patient after a flush and, on a partition assignment, rebuilds an engine from
/// those blobs. The rebuilt engine must go on exactly as the one that was interrupted: the same records on every
/// later flush (nothing re-emitted, the same withdrawals and REINSTATEs, <c>#2</c> re-issues), the same duplicate
/// detection, reversals that came before their settlement still waiting, the same carry of pruned history.
/// </summary>
public sealed class PersistenceTests
{
    private static readonly DetectionPolicy Short = DetectionPolicy.Default with { AllowedLatenessDays = 10 };

    /// <summary>
    /// Engine X runs uninterrupted; the other run is interrupted at one to three random points, where it flushes,
    /// exports every patient and is replaced by a fresh engine that imports the blobs. Both flush at the same
    /// points, and every flush must emit the same records. Events arrive in random order with the default
    /// lateness, or with a 10-day lateness (pruning) in time order or in random order.
    /// </summary>
    [Property(MaxTest = 500)]
    public bool Continue_AfterExportAndImportAtRandomPoints_EmitsWhatTheUninterruptedEngineEmits(int seed)
    {
        var rng = new Random(seed);
        var (reference, generated) = OrderIndependenceTests.Scenario(rng);
        var mode = rng.Next(3);
        var events = Keyed(mode == 1 ? InTimeOrder(generated) : [.. generated.OrderBy(_ => rng.Next())]);
        var policy = mode == 0 ? DetectionPolicy.Default : Short;
        var flushAfter = events.Select(_ => rng.Next(3) == 0).ToArray();
        var cuts = Enumerable.Range(0, rng.Next(1, 4)).Select(_ => rng.Next(0, events.Count)).Distinct().Order().ToList();
        EngineDriver NewDriver() => new(World.Reference(OrderIndependenceTests.PatientsOf(reference)), policy);

        var x = NewDriver();
        var y = NewDriver();
        var from = 0;
        foreach (var to in cuts.Append(events.Count))
        {
            var expected = Run(x, events, flushAfter, from, to);
            var actual = Run(y, events, flushAfter, from, to);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.True(expected[i] == actual[i], $"seed {seed} (mode {mode}, cuts {string.Join(',', cuts)} of {events.Count}), events {from}..{to}, flush {i}:\nexpected:\n{expected[i]}\nactual:\n{actual[i]}");
            }

            if (to < events.Count)
            {
                var z = NewDriver().Adopt(y);
                foreach (var blob in PatientIds(events).Select(y.Engine.ExportPatient).OfType<byte[]>())
                {
                    z.Engine.ImportPatient(blob);
                }

                Assert.Equal(y.Engine.Horizon, z.Engine.Horizon);
                y = z;
            }

            from = to;
        }

        Assert.Equal(OrderIndependenceTests.Outcome(x), OrderIndependenceTests.Outcome(y));
        return true;
    }

    [Fact]
    public void ImportPatient_NothingAppliedSince_ReevaluatingEveryPatientEmitsNothing()
    {
        var y = PatientStateCodecTests.RichPatient();
        var z = new EngineDriver(policy: Short);
        z.Engine.ImportPatient(y.Engine.ExportPatient("P1"));

        Assert.Equal(0, z.Engine.PendingPatients);
        Assert.True(z.Engine.MarkDirty("P1"));
        var changes = z.FlushChanges();

        Assert.Empty(changes.Alerts);
        Assert.Empty(changes.Actions);
    }

    [Fact]
    public void ImportPatient_DuplicateDeliveredAfterwards_IsADuplicate()
    {
        Settlement s1 = S("S1").On("2026-03-01").Drug(World.Amlodipine, 30);
        var z = Restored(new EngineDriver().Apply(s1, S("S2").On("2026-03-05").Drug(World.Amlodipine, 30)));

        var changes = Apply(z, s1);

        Assert.Equal(1, z.Engine.Stats.Duplicates);
        Assert.Empty(changes.Alerts);
        Assert.Empty(changes.Actions);
    }

    [Fact]
    public void ImportPatient_DuplicateOfPrunedSettlementWithinTwiceTheLateness_StillADuplicate()
    {
        Settlement s1 = S("S1").On("2026-01-01").Drug(World.Amlodipine, 30);
        var y = new EngineDriver(policy: Short).ApplyEach(s1, S("S2").On("2026-01-16").Drug(World.Atorvastatin, 30));
        Assert.Equal(1, y.Engine.Stats.SettlementsPruned);
        var z = Restored(y, Short);

        var changes = Apply(z, s1);

        Assert.Equal(1, z.Engine.Stats.Duplicates);
        Assert.Empty(changes.Alerts);
    }

    [Fact]
    public void ImportPatient_ReversalCameBeforeItsSettlement_SettlementCountsForNothing()
    {
        // S2 would stack on S1 (R01); its reversal came first, keyed by the patient as the transport keys it.
        var y = new EngineDriver().Apply(
            S("S1").On("2026-03-01").Drug(World.Amlodipine, 30),
            new Reversal { SettlementId = "S2", ReversedAt = Ts("2026-03-06T10:00:00+08:00"), PatientId = "P1" });
        var z = Restored(y);

        var changes = Apply(z, S("S2").On("2026-03-05").Drug(World.Amlodipine, 30));

        Assert.Empty(changes.Alerts);
        Assert.Empty(z.OpenIds);
        Assert.Equal(0, z.Engine.Stats.Duplicates);
    }

    [Fact]
    public void ImportPatient_ReversalAfterwards_WithdrawsTheAlerts()
    {
        var y = new EngineDriver().Apply(
            S("S1").On("2026-03-01").Drug(World.Amlodipine, 30),
            S("S2").On("2026-03-05").Drug(World.Amlodipine, 30));
        Assert.Equal(["R01:S2"], y.OpenIds);
        var z = Restored(y);

        // The reversal record names no patient: the restored registry finds the settlement.
        var changes = Apply(z, new Reversal { SettlementId = "S2", ReversedAt = Ts("2026-03-06T10:00:00+08:00") });

        var withdrawn = Assert.Single(changes.Alerts);
        Assert.Equal(("R01:S2", AlertStatus.Withdrawn), (withdrawn.AlertId, withdrawn.Status));
        Assert.Empty(z.OpenIds);
    }

    [Fact]
    public void ImportPatient_RevokedSuspendNeededAgain_ReissuedAsTheNextGeneration()
    {
        // SUSPEND moves from S10 to the earlier S09 (S10's revoked); S09 reversed after the restore: S10's comes back as #2.
        var y = new EngineDriver().ApplyEach(
            S("S10").On("2026-04-23").Identity(IdentityMethod.Face).Drug(World.Amlodipine, 30),
            S("S09").On("2026-04-22").Identity(IdentityMethod.Face, faceScore: 0.5m).Drug(World.Atorvastatin, 30));
        Assert.Equal(["SUSPEND:P1:S09"], y.InForceIds);
        var z = Restored(y);

        var changes = Apply(z, new Reversal { SettlementId = "S09", ReversedAt = Ts("2026-04-24T10:00:00+08:00") });

        Assert.Equal(["REINSTATE:SUSPEND:P1:S09", "SUSPEND:P1:S10#2"], changes.Actions.Select(a => a.ActionId).Order(StringComparer.Ordinal));
        Assert.Equal(["SUSPEND:P1:S10#2"], z.InForceIds);
        Assert.DoesNotContain(changes.Alerts, a => a.Status == AlertStatus.Open);
    }

    [Fact]
    public void ImportPatient_CardCollectionAcrossTheSplit_SeesTheOtherPatientsUses()
    {
        // Two patients' settlements by presenter HX before the split, a third's after: R14 on the third needs the first two.
        var reference = World.Reference(World.Patient("P2"), World.Patient("P3"));
        var y = new EngineDriver(reference).Apply(
            S("S1").On("2026-03-01").Patient("P1").Presenter("HX").Drug(World.Amlodipine, 30),
            S("S2").On("2026-03-02").Patient("P2").Presenter("HX").Drug(World.Amlodipine, 30));
        var z = new EngineDriver(World.Reference(World.Patient("P2"), World.Patient("P3"))).Adopt(y);
        z.Engine.ImportPatient(y.Engine.ExportPatient("P1"));
        z.Engine.ImportPatient(y.Engine.ExportPatient("P2"));

        Apply(z, S("S3").On("2026-03-03").Patient("P3").Presenter("HX").Drug(World.Amlodipine, 30));

        Assert.Equal(["S3"], z.OpenOf("R14"));
    }

    [Fact]
    public void ImportPatient_PrunedSettlementsUseStillIndexed_CountsForCardCollection()
    {
        // S1 (P1, presenter HX) is pruned from P1's state by S4 (horizon 03-04) but the presenter index keeps its
        // use: R14 on S3 after the restore counts P1, P2 and P3 as the uninterrupted engine does.
        var reference = World.Reference(World.Patient("P2"), World.Patient("P3"));
        InputEvent[] before =
        [
            S("S1").On("2026-03-01").Patient("P1").Presenter("HX").Drug(World.Amlodipine, 30),
            S("S2").On("2026-03-12").Patient("P2").Presenter("HX").Drug(World.Amlodipine, 30),
            S("S4").On("2026-03-14").Patient("P1").Drug(World.Atorvastatin, 30),
        ];
        Settlement s3 = S("S3").On("2026-03-15").Patient("P3").Presenter("HX").Drug(World.Amlodipine, 30);
        var x = new EngineDriver(World.Reference(World.Patient("P2"), World.Patient("P3")), Short).Apply(before).Apply(s3);
        var y = new EngineDriver(reference, Short).Apply(before);
        Assert.Null(y.Engine.RegistryEntryOf("S1")!.Settlement);
        var z = new EngineDriver(World.Reference(World.Patient("P2"), World.Patient("P3")), Short).Adopt(y);
        z.Engine.ImportPatient(y.Engine.ExportPatient("P1"));
        z.Engine.ImportPatient(y.Engine.ExportPatient("P2"));

        Apply(z, s3);

        Assert.Equal(["S3"], x.OpenOf("R14"));
        Assert.Equal(x.OpenAlert("R14", "S3").EvidenceJson, z.OpenAlert("R14", "S3").EvidenceJson);
    }

    [Fact]
    public void ImportPatient_ReversalKeyedToAnotherPatient_TheSettledEntryWinsInEitherOrder()
    {
        // The reversal of S5 was keyed to P2 (stale blob), then S5 came for P1: P1's blob holds the settled entry.
        var reference = World.Reference(World.Patient("P2"));
        var y = new EngineDriver(reference).Apply(new Reversal { SettlementId = "S5", ReversedAt = Ts("2026-03-06T10:00:00+08:00"), PatientId = "P2" });
        var staleP2 = y.Engine.ExportPatient("P2")!;
        y.Apply(S("S5").On("2026-03-05").Patient("P1").Drug(World.Amlodipine, 30));
        var p1 = y.Engine.ExportPatient("P1")!;
        Assert.Null(y.Engine.PatientStateOf("P1")!.Settlements.FirstOrDefault());

        foreach (var order in new[] { new[] { staleP2, p1 }, [p1, staleP2] })
        {
            var z = new EngineDriver(World.Reference(World.Patient("P2")));
            foreach (var blob in order)
            {
                z.Engine.ImportPatient(blob);
            }

            Assert.True(z.Engine.RegistryEntryOf("S5") is { PatientId: "P1", Pending: false, Reversed: true });
            Assert.DoesNotContain("S5", z.Engine.PatientStateOf("P2")!.RegistryIds);
            Assert.Contains("S5", z.Engine.PatientStateOf("P1")!.RegistryIds);
        }
    }

    [Fact]
    public void ExportPatient_UnknownPatient_ReturnsNull() => Assert.Null(new EngineDriver().Engine.ExportPatient("P404"));

    [Fact]
    public void ImportPatient_PatientAlreadyHeld_Throws()
    {
        var y = new EngineDriver().Apply(S("S1").On("2026-03-01").Drug(World.Amlodipine, 30));

        Assert.Throws<InvalidOperationException>(() => y.Engine.ImportPatient(y.Engine.ExportPatient("P1")));
    }

    [Fact]
    public void ExportPatient_IdsTheRegistryForgot_LeftOut()
    {
        // With a 10-day lateness, ids are remembered for 20 days behind the horizon: S1 is forgotten by S3.
        var y = new EngineDriver(policy: Short).ApplyEach(
            S("S1").On("2026-01-01").Drug(World.Amlodipine, 30),
            S("S2").On("2026-01-16").Drug(World.Atorvastatin, 30),
            S("S3").On("2026-03-01").Drug(World.Atorvastatin, 30));
        Assert.Null(y.Engine.RegistryEntryOf("S1"));
        Assert.DoesNotContain("S1", y.Engine.PatientStateOf("P1")!.RegistryIds);

        var z = Restored(y, Short);

        Assert.Null(z.Engine.RegistryEntryOf("S1"));
        Assert.Equal(StateDump.Of(y.Engine, "P1"), StateDump.Of(z.Engine, "P1"));
    }

    private static List<string> Run(EngineDriver d, List<InputEvent> events, bool[] flushAfter, int from, int to)
    {
        var flushes = new List<string>();
        for (var i = from; i < to; i++)
        {
            d.Engine.Apply(events[i]);
            if (flushAfter[i])
            {
                flushes.Add(Records(d.FlushChanges()));
            }
        }

        flushes.Add(Records(d.FlushChanges()));
        return flushes;
    }

    /// <summary>A flush's records by id and content (what <c>SameContent</c> compares), DetectedAt/DecidedAt aside.</summary>
    private static string Records(EngineChanges c) => string.Join('\n',
        c.Alerts.Select(a => $"alert {a.AlertId} {a.Status} {a.Severity} {a.FacilityId} {a.EventTime} {a.Score} {a.MessageEn} {a.EvidenceJson}")
            .Concat(c.Actions.Select(a => $"action {a.ActionId} {IntegrityAction.NameOf(a.Action)} {a.EffectiveFrom} {a.EffectiveUntil} {a.ReasonRule} {string.Join(',', a.AlertIds)} {a.Revokes} {a.DecidedBy}"))
            .Order(StringComparer.Ordinal));

    /// <summary>Reversals keyed by their settlement's patient, as the transport keys them (contract §2: key = patient_id).</summary>
    private static List<InputEvent> Keyed(List<InputEvent> events)
    {
        var patientOf = events.OfType<Settlement>().GroupBy(s => s.SettlementId).ToDictionary(g => g.Key, g => g.First().PatientId, StringComparer.Ordinal);
        return events.Select(e => e is Reversal r ? new Reversal { SettlementId = r.SettlementId, ReversedAt = r.ReversedAt, PatientId = patientOf[r.SettlementId] } : e).ToList();
    }

    /// <summary>In time order, each reversal right behind its settlement (as <see cref="PruningTests"/> replays them).</summary>
    private static List<InputEvent> InTimeOrder(List<InputEvent> events)
    {
        var ordered = new List<InputEvent>();
        foreach (var e in events.Where(e => e is not Reversal).OrderBy(TimeOf))
        {
            ordered.Add(e);
            if (e is Settlement s)
            {
                ordered.AddRange(events.OfType<Reversal>().Where(r => r.SettlementId == s.SettlementId));
            }
        }

        return ordered;
    }

    private static long TimeOf(InputEvent e) => e switch
    {
        Settlement s => s.SettledAt.UtcTicks,
        Admission a => a.AdmittedAt.UtcTicks,
        Discharge x => x.DischargedAt.UtcTicks,
        _ => 0,
    };

    private static IEnumerable<string> PatientIds(IEnumerable<InputEvent> events) =>
        events.Select(e => e.PartitionKey).OfType<string>().Distinct(StringComparer.Ordinal);

    /// <summary>A fresh engine restored from every patient of <paramref name="y"/>, continuing its output.</summary>
    private static EngineDriver Restored(EngineDriver y, DetectionPolicy? policy = null)
    {
        var z = new EngineDriver(policy: policy).Adopt(y);
        foreach (var id in new[] { "P1", "P2", "P3" })
        {
            if (y.Engine.ExportPatient(id) is { } blob)
            {
                z.Engine.ImportPatient(blob);
            }
        }

        return z;
    }

    private static EngineChanges Apply(EngineDriver d, InputEvent e)
    {
        d.Engine.Apply(e);
        return d.FlushChanges();
    }

    private static Timestamp Ts(string s) => IsoTimestamp.TryParse(s, out var t) ? t : throw new ArgumentException(s);
}
