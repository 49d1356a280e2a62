using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Reference;
using ChronicCare.Monitor.Tests.Support;
using FsCheck.Xunit;
using Xunit;
using static ChronicCare.Monitor.Tests.Support.SettlementBuilder;

namespace ChronicCare.Monitor.Tests.Engine;

/// <summary>
/// Contract §3 "Order independence": for a given final set of events the final open alerts (and, §5, the
/// actions in force) do not depend on arrival order. Random event sets that exercise every exact rule, with
/// duplicate deliveries and reversals (some before their settlement) mixed in, are replayed in random
/// permutations with random flush points and compared with a single sorted batch.
/// </summary>
public sealed class OrderIndependenceTests
{
    private static readonly string[] Facilities = [World.Hospital, World.Hospital2, World.Community, World.Community2, World.Pharmacy, World.WenzhouHospital];
    private static readonly string[] Drugs = [World.Amlodipine, World.AmlodipineBrand, World.Atorvastatin, World.Metformin, World.Finasteride, "D1", "D2", "D3", "D4", "D5", "D6"];

    [Property(MaxTest = 150)]
    public bool FinalState_AnyPermutationWithDuplicatesAndReversals_IsTheSame(int seed)
    {
        var rng = new Random(seed);
        var (reference, events) = Scenario(rng);
        var expected = Outcome(new EngineDriver(reference).Apply([.. events]));
        for (var round = 0; round < 3; round++)
        {
            var shuffled = events.OrderBy(_ => rng.Next()).ToArray();
            var driver = new EngineDriver(World.Reference(PatientsOf(reference)));
            foreach (var e in shuffled)
            {
                driver.Engine.Apply(e);
                if (rng.Next(3) == 0)
                {
                    driver.Flush();
                }
            }

            var actual = Outcome(driver.Flush());
            if (actual != expected)
            {
                var e = expected.Split('\n');
                var a = actual.Split('\n');
                Assert.Fail($"seed {seed} round {round}:\nmissing:\n{string.Join('\n', e.Except(a))}\nextra:\n{string.Join('\n', a.Except(e))}");
            }
        }

        return true;
    }

    [Fact]
    public void FinalState_TwoCoresVersusOne_IsTheSame()
    {
        var rng = new Random(7);
        var events = new List<InputEvent>();
        ReferenceData? reference = null;
        for (var i = 0; i < 40; i++)
        {
            var (r, e) = Scenario(rng, prefix: $"G{i}-");
            reference ??= r;
            foreach (var p in PatientsOf(r))
            {
                reference.Upsert(p);
            }

            events.AddRange(e);
        }

        var one = Outcome(new EngineDriver(World.Reference(PatientsOf(reference!)), parallelism: 1).Apply([.. events]));
        var two = Outcome(new EngineDriver(World.Reference(PatientsOf(reference!)), parallelism: 2).Apply([.. events]));
        Assert.Equal(one, two);
        Assert.Contains("R0", one, StringComparison.Ordinal);
    }

    /// <summary>
    /// Open alerts with their evidence, and the actions in force, as one comparable text. An automatic action
    /// revoked in mid-stream and needed again is re-issued as <c>id#2</c> (an id once revoked stays revoked),
    /// so action ids are compared without that generation suffix.
    /// </summary>
    internal static string Outcome(EngineDriver d) =>
        string.Join('\n', d.Open.OrderBy(a => a.AlertId, StringComparer.Ordinal).Select(a => $"{a.AlertId} {a.EvidenceJson}"))
        + "\n--\n" + string.Join('\n', d.InForce.Select(a => $"{a.ActionId.Split('#')[0]} {string.Join(',', a.AlertIds)} {a.EffectiveFrom}").Order(StringComparer.Ordinal));

    internal static Patient[] PatientsOf(ReferenceData r) =>
        Enumerable.Range(0, 64).Select(i => r.Patient($"P{i}")).Concat(Enumerable.Range(0, 64).SelectMany(i => Enumerable.Range(0, 4).Select(k => r.Patient($"G{i}-P{k}")))).OfType<Patient>().ToArray();

    /// <summary>3-4 patients over ~4 months at a handful of facilities, with every rule reachable.</summary>
    internal static (ReferenceData Reference, List<InputEvent> Events) Scenario(Random rng, string prefix = "")
    {
        var patients = Enumerable.Range(0, rng.Next(3, 5)).Select(i =>
        {
            var id = $"{prefix}P{i}";
            var deceased = rng.Next(6) == 0 ? new[] { new StatusPeriod(PatientStatus.Deceased, new DateOnly(2026, 3, rng.Next(1, 28))) } : [];
            var designated = rng.Next(2) == 0
                ? new Dictionary<int, DesignatedFacilities> { [2026] = new(World.Community, World.Hospital) }
                : null;
            return World.Patient(id, rng.Next(2) == 0 ? Gender.M : Gender.F, birth: rng.Next(5) == 0 ? "2016-03-15" : "1956-04-12",
                statuses: [new StatusPeriod(PatientStatus.Active, new DateOnly(2020, 1, 1)), .. deceased],
                diseases: [new DiseaseApproval("HTN", new DateOnly(2025, 6, 10), new DateOnly(2027, 6, 9)), new DiseaseApproval("T2DM", new DateOnly(2026, 1, 20), new DateOnly(2028, 1, 19))],
                designated: designated);
        }).ToArray();
        var reference = World.Reference(patients);
        var events = new List<InputEvent>();
        var settlementIds = new List<string>();
        var n = rng.Next(8, 22);
        for (var i = 0; i < n; i++)
        {
            var patient = patients[rng.Next(patients.Length)].PatientId;
            var id = $"{prefix}S{i:D2}";
            var day = new DateOnly(2026, 1, 1).AddDays(rng.Next(0, 120));
            var at = $"{day:yyyy-MM-dd}T{rng.Next(8, 12):D2}:{rng.Next(0, 4) * 15:D2}:00+08:00";
            var b = S(id).At(at).Patient(patient).Facility(Facilities[rng.Next(Facilities.Length)]).Disease(rng.Next(4) == 0 ? "T2DM" : "HTN");
            if (rng.Next(8) == 0)
            {
                b.Card(World.CardOf(patients[rng.Next(patients.Length)].PatientId));
            }

            if (rng.Next(5) == 0)
            {
                b.Presenter($"{prefix}HX");
            }

            b = rng.Next(10) switch
            {
                0 => b.Identity(IdentityMethod.Face, faceScore: rng.Next(2) == 0 ? 0.79m : 0.80m),
                1 => b.Identity(IdentityMethod.Proxy, proxyId: rng.Next(2) == 0 ? null : "F1"),
                _ => b,
            };
            if (rng.Next(4) == 0)
            {
                b.Long();
            }

            var lines = rng.Next(6) == 0 ? rng.Next(5, 8) : rng.Next(1, 3);
            for (var l = 0; l < lines; l++)
            {
                b.Drug(Drugs[rng.Next(Drugs.Length)], days: rng.Next(5) == 0 ? 84 : rng.Next(2) == 0 ? 28 : 30, amount: rng.Next(10, 150));
            }

            if (rng.Next(3) == 0)
            {
                b.Exam(rng.Next(10, 60));
            }

            events.Add(b.Build());
            settlementIds.Add(id);
            if (rng.Next(6) == 0)
            {
                events.Add(b.Build()); // duplicate delivery
            }
        }

        foreach (var id in settlementIds.Where(_ => rng.Next(6) == 0).ToList())
        {
            events.Add(new Reversal { SettlementId = id, ReversedAt = Ts("2026-06-01T10:00:00+08:00") });
            if (rng.Next(3) == 0)
            {
                events.Add(new Reversal { SettlementId = id, ReversedAt = Ts("2026-06-01T10:00:00+08:00") });
            }
        }

        if (rng.Next(2) == 0)
        {
            var p = patients[rng.Next(patients.Length)].PatientId;
            var admit = new DateOnly(2026, 1, 1).AddDays(rng.Next(0, 100));
            events.Add(new Admission { StayId = $"{prefix}ST1", PatientId = p, FacilityId = World.Hospital, AdmittedAt = Ts($"{admit:yyyy-MM-dd}T08:00:00+08:00") });
            if (rng.Next(2) == 0)
            {
                events.Add(new Discharge { StayId = $"{prefix}ST1", PatientId = p, DischargedAt = Ts($"{admit.AddDays(rng.Next(1, 15)):yyyy-MM-dd}T08:00:00+08:00") });
            }
        }

        return (reference, events);
    }

    private static Timestamp Ts(string s) => IsoTimestamp.TryParse(s, out var t) ? t : throw new ArgumentException(s);
}
