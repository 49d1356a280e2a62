using System.Globalization;
using System.Text.Json;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Engine;
using ChronicCare.Monitor.Outliers;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.Rules;
using ChronicCare.Monitor.Tests.Support;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static ChronicCare.Monitor.Tests.Support.SettlementBuilder;

namespace ChronicCare.Monitor.Tests.Engine;

/// <summary>
/// R15 inside the engine: its features are read in supply order from state that survives pruning, so its alerts and
/// scores do not depend on arrival order, flush points or how much history was pruned; the model can be swapped while
/// the engine runs; training captures one vector per settlement.
/// </summary>
public sealed class OutlierEngineTests
{
    private static readonly DetectionPolicy ShortLateness = DetectionPolicy.Default with { AllowedLatenessDays = 20 };

    /// <summary>
    /// A threshold at the 90th percentile of the training scores: one ordinary settlement in ten fires, and most of the
    /// scenarios' odd ones (a good share of their settlements, but not all: see <see cref="Scenario_SensitiveModel_AGoodShareOfSettlementsFire"/>).
    /// </summary>
    private static OutlierModel Sensitive => TestModels.WithThreshold(TestModels.TrainingScores.Order().ElementAt(TestModels.TrainingScores.Count * 9 / 10));

    [Property(MaxTest = 60)]
    public bool FinalState_AnyPermutationWithR15_SameAlertsAndScoresAsOneBatch(int seed)
    {
        var rng = new Random(seed);
        var (patients, events) = Scenario(rng, months: 4);
        var model = Sensitive;
        var batch = new EngineDriver(World.Reference(patients), outliers: new OutlierModelSlot(model)).Apply([.. events]);
        var expected = Outcome(batch);
        for (var round = 0; round < 2; round++)
        {
            var driver = new EngineDriver(World.Reference(patients), outliers: new OutlierModelSlot(model));
            foreach (var e in events.OrderBy(_ => rng.Next()).ToArray())
            {
                driver.Engine.Apply(e);
                if (rng.Next(3) == 0)
                {
                    driver.Flush();
                }
            }

            Same(expected, Outcome(driver.Flush()), $"seed {seed} round {round}");
        }

        return true;
    }

    [Fact]
    public void Scenario_SensitiveModel_AGoodShareOfSettlementsFire()
    {
        var fired = 0;
        var total = 0;
        var model = Sensitive;
        for (var seed = 0; seed < 60; seed++)
        {
            var (patients, events) = Scenario(new Random(seed), months: 4);
            fired += new EngineDriver(World.Reference(patients), outliers: new OutlierModelSlot(model)).Apply([.. events]).OpenOf("R15").Count;
            total += events.OfType<Settlement>().Select(s => s.SettlementId).Distinct().Count();
        }

        Assert.InRange(fired / (double)total, 0.3, 0.85);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    public void FinalState_YearInOrderWithShortLatenessFlushingEachEvent_SameR15AsOneBatch(int seed)
    {
        var (patients, events) = Scenario(new Random(seed), months: 12, reversals: false);
        var ordered = events.OfType<Settlement>().OrderBy(s => s.SettledAt.UtcTicks).ThenBy(s => s.SettlementId, StringComparer.Ordinal).ToArray<InputEvent>();
        var model = Sensitive;

        var batch = new EngineDriver(World.Reference(patients), ShortLateness, outliers: new OutlierModelSlot(model)).Apply(ordered);
        var stream = new EngineDriver(World.Reference(patients), ShortLateness, outliers: new OutlierModelSlot(model)).ApplyEach(ordered);

        Assert.True(stream.Engine.Stats.SettlementsPruned > ordered.Length / 2, $"only {stream.Engine.Stats.SettlementsPruned} pruned");
        Assert.InRange(batch.OpenOf("R15").Count, 1, ordered.Length - 1);
        Same(R15(batch), R15(stream), $"seed {seed}");
    }

    [Fact]
    public void Extract_RefillAfterAGapLongerThanTheLateness_DaysSinceLastFillIsTheTrueValue()
    {
        // S1 is pruned when S2 (another ingredient) arrives; S3, 90 days after S1, still knows S1 was the last amlodipine.
        Settlement s1 = S("S1").On("2026-01-01").Drug(World.Amlodipine, 30, 10.5m, 30);
        Settlement s2 = S("S2").On("2026-03-01").Drug(World.Atorvastatin, 30, 31.5m, 30);
        Settlement s3 = S("S3").On("2026-04-01").Drug(World.AmlodipineBrand, 30, 63m, 30);
        var capture = new FeatureCapture(TestModels.Tables);
        var engine = NewEngine(ShortLateness, capture: capture);

        engine.Apply(s1);
        engine.Flush();
        engine.Apply(s2);
        engine.Flush();
        Assert.Equal(1, engine.Stats.SettlementsPruned); // S1 is gone: only the carry remembers it
        engine.Apply(s3);
        engine.Flush();

        var x = capture.Vectors().Single(v => v.SettlementId == "S3").Features;
        Assert.Equal(90 / 30.0, x[Outliers.OutlierFeaturesTests.F("days_since_last_fill")], 1e-12);
        Assert.Equal(1, x[Outliers.OutlierFeaturesTests.F("product_switch_share")]);
        Assert.Equal(TestModels.Capture([s1, s2, s3])["S3"], x);
    }

    [Fact]
    public void Flush_ModelSwappedToALowerThreshold_PatientsEvaluatedAfterwardsJudgedByTheNewModel()
    {
        var reference = World.Reference(World.Patient("P2"));
        var slot = new OutlierModelSlot(TestModels.WithThreshold(1e9, "test-high"));
        var d = new EngineDriver(reference, outliers: slot);
        d.ApplyEach(
            S("S1").On("2026-03-01").Drug(World.Amlodipine, 30, 10.5m, 30),
            S("S2").On("2026-03-01").Patient("P2").Drug(World.Amlodipine, 30, 10.5m, 30));
        Assert.Empty(d.OpenOf("R15"));

        slot.Current = TestModels.WithThreshold(-1, "test-low");
        d.ApplyEach(S("S3").On("2026-03-31").Drug(World.Amlodipine, 30, 10.5m, 30));

        // P1 was evaluated again, every settlement by the new model; P2 was not, so S2 keeps its earlier judgement.
        Assert.Equal(["S1", "S3"], d.OpenOf("R15"));
        string[] p1 = ["S1", "S3"];
        Assert.All(p1, id => Assert.Equal("test-low", ModelOf(d.OpenAlert("R15", id))));
        Assert.Contains("test-low", d.OpenAlert("R15", "S3").MessageEn, StringComparison.Ordinal);

        d.ApplyEach(S("S4").On("2026-03-02").Patient("P2").Drug(World.Atorvastatin, 30, 31.5m, 30));
        Assert.Equal(["S1", "S2", "S3", "S4"], d.OpenOf("R15"));

        slot.Current = null;
        d.ApplyEach(S("S5").On("2026-04-30").Drug(World.Amlodipine, 30, 10.5m, 30));

        // No model to be had (a new version that would not load): P1's alerts stand as the last model left them, and
        // S5, judged without a model, gets none.
        Assert.False(d.Alerts.ContainsKey("R15:S5"));
        Assert.Equal(["S1", "S2", "S3", "S4"], d.OpenOf("R15"));
        Assert.Equal("test-low", ModelOf(d.OpenAlert("R15", "S1")));
    }

    [Fact]
    public void Flush_R15TurnedOff_WithdrawsTheAlertsOfPatientsEvaluatedAgain()
    {
        var reference = World.Reference(World.Patient("P2"));
        var scored = new EngineDriver(reference, outliers: new OutlierModelSlot(TestModels.WithThreshold(-1)));
        scored.Apply(
            S("S1").On("2026-03-01").Drug(World.Amlodipine, 30, 10.5m, 30),
            S("S2").On("2026-03-01").Patient("P2").Drug(World.Amlodipine, 30, 10.5m, 30));
        Assert.Equal(["S1", "S2"], scored.OpenOf("R15"));

        // The same state in an engine with R15 off (no slot at all, as with --model none).
        var off = new EngineDriver(reference).Adopt(scored);
        off.Engine.ImportPatient(scored.Engine.ExportPatient("P1")!);
        off.Engine.ImportPatient(scored.Engine.ExportPatient("P2")!);
        off.ApplyEach(S("S3").On("2026-03-31").Drug(World.Amlodipine, 30, 10.5m, 30));

        Assert.Equal(AlertStatus.Withdrawn, off.Alerts["R15:S1"].Status);
        Assert.False(off.Alerts.ContainsKey("R15:S3"));
        Assert.Equal(["S2"], off.OpenOf("R15"));
    }

    [Fact]
    public void Flush_SlotEmptiedThenAModelAgain_R15ComesBack()
    {
        var slot = new OutlierModelSlot();
        var d = new EngineDriver(outliers: slot);
        d.ApplyEach(S("S1").On("2026-03-01").Drug(World.Amlodipine, 30, 10.5m, 30));
        Assert.Empty(d.OpenOf("R15"));

        slot.Current = TestModels.WithThreshold(-1, "test-low");
        d.ApplyEach(S("S2").On("2026-03-31").Drug(World.Amlodipine, 30, 10.5m, 30));

        Assert.Equal(["S1", "S2"], d.OpenOf("R15"));
    }

    [Fact]
    public void Capture_SettlementsEvaluatedSeveralTimes_OneVectorEachFromTheLatestEvaluation()
    {
        Settlement s1 = S("S1").On("2026-03-01").Drug(World.Amlodipine, 30, 10.5m, 30);
        Settlement s2 = S("S2").On("2026-03-21").Drug(World.AmlodipineBrand, 30, 63m, 30).Exam(30m);
        Settlement s3 = S("S3").On("2026-04-20").Drug(World.Amlodipine, 30, 10.5m, 30);
        var capture = new FeatureCapture(TestModels.Tables);
        var engine = NewEngine(DetectionPolicy.Default, capture: capture);

        engine.Apply(s2);
        engine.Flush();
        var first = capture.Vectors().Single().Features;
        engine.Apply(s3);
        engine.Flush();
        engine.Apply(s1); // late: S2 and S3 are judged again with S1 before them
        engine.Flush();

        var vectors = capture.Vectors();
        Assert.Equal(3, capture.Count);
        Assert.Equal(["S1", "S2", "S3"], vectors.Select(v => v.SettlementId));
        Assert.All(vectors, v => Assert.Equal(27, v.Features.Length));
        var s2Now = vectors.Single(v => v.SettlementId == "S2").Features;
        var since = Outliers.OutlierFeaturesTests.F("days_since_last_fill");
        Assert.Equal(6, first[since]);
        Assert.Equal(20 / 30.0, s2Now[since], 1e-12);
        var batch = TestModels.Capture([s1, s2, s3]);
        Assert.All(vectors, v => Assert.Equal(batch[v.SettlementId], v.Features));
    }

    [Fact]
    public void Capture_WithAModelOfOtherTables_CapturesWithItsOwnTablesAndScoresWithTheModels()
    {
        // The capture's tables know no usual quantities; the model's do. 60 a day is odd only to the model.
        Settlement s1 = S("S1").On("2026-03-01").Drug(World.Amlodipine, 30, 10.5m, 1800);
        var capture = new FeatureCapture(FeatureTables.Empty);
        var model = TestModels.WithThreshold(-1);
        var engine = NewEngine(DetectionPolicy.Default, capture: capture, outliers: new OutlierModelSlot(model));
        engine.Apply(s1);
        var alert = engine.Flush().Alerts.Single(a => a.Rule == "R15");

        var high = Outliers.OutlierFeaturesTests.F("quantity_per_day_high");
        Assert.Equal(0, capture.Vectors().Single().Features[high]);
        Assert.Equal(Math.Round(TestModels.ScoreIn(model, [s1], "S1"), 4), alert.Score);
    }

    [Fact]
    public void Flush_SettlementOlderThanTheCarrysHorizon_IsNotScoredButTheOthersAre()
    {
        // Every settlement within the lateness fires (threshold far below any score); the one that arrives after its
        // history was pruned would read a carry holding its later fills, so R15 leaves it to the rules.
        var driver = new EngineDriver(World.Reference(), ShortLateness, outliers: new OutlierModelSlot(TestModels.WithThreshold(-1)));
        var start = new DateOnly(2026, 1, 5);
        for (var m = 0; m < 6; m++)
        {
            driver.Engine.Apply(S($"S{m}").On(start.AddDays(30 * m).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Drug(World.Amlodipine, 30, 10.5m, 30));
            driver.Flush();
        }

        driver.Apply(S("LATE").On(start.AddDays(45).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Drug(World.Amlodipine, 30, 10.5m, 30));

        Assert.Contains(driver.Alerts.Values, a => a.AlertId == "R01:LATE" || a.SettlementId == "LATE");
        Assert.DoesNotContain(driver.Open, a => a.AlertId == "R15:LATE");
        Assert.Contains(driver.Open, a => a.AlertId == "R15:S5");
    }

    [Fact]
    public void Snapshot_IngredientUsedUpButFilledWithinFillMemory_KeepsTheLastFillButNotTheSupply()
    {
        var fill = new DateOnly(2026, 1, 1);
        var ledger = new SupplyLedger();
        ledger.Stack("amlodipine", new SupplyLine("S1", World.Hospital, fill, 30, World.AmlodipineBrand, 1));

        var kept = ledger.Snapshot(fill.AddDays(SupplyLedger.FillMemoryDays));
        var dropped = ledger.Snapshot(fill.AddDays(SupplyLedger.FillMemoryDays + 1));

        Assert.Equal(180, SupplyLedger.FillMemoryDays);
        Assert.Equal(new LastFill("amlodipine", fill.DayNumber, World.AmlodipineBrand), Assert.Single(kept.ExportLastFills()));

        // The supply rules see only supply still running at the horizon, as before the last fills were kept.
        Assert.Empty(kept.Export());
        Assert.Empty(dropped.ExportLastFills());
        Assert.Equal((0, fill.DayNumber, World.AmlodipineBrand), kept.Peek("amlodipine", fill.AddDays(179)));
    }

    [Fact]
    public void Snapshot_IngredientStillCovered_KeptWhateverTheLastFillsAge()
    {
        var fill = new DateOnly(2026, 1, 1);
        var ledger = new SupplyLedger();
        for (var i = 0; i < 3; i++)
        {
            ledger.Stack("amlodipine", new SupplyLine($"S{i}", World.Hospital, fill, 84, World.Amlodipine, 1)); // covered 252 days
        }

        var entry = Assert.Single(ledger.Snapshot(fill.AddDays(200)).Export());
        Assert.Equal(fill.DayNumber + 252, entry.CoveredUntil);
        Assert.Equal((52, (int?)null, (string?)null), ledger.Snapshot(fill.AddDays(200)).Peek("amlodipine", fill.AddDays(200)));
    }

    [Fact]
    public void Peek_LastFillWithinAndBeyondFillMemory_RemembersItOnlyWithin()
    {
        var fill = new DateOnly(2026, 1, 1);
        var ledger = new SupplyLedger();
        ledger.Stack("amlodipine", new SupplyLine("S1", World.Hospital, fill, 30, World.Amlodipine, 1));

        Assert.Equal((10, fill.DayNumber, World.Amlodipine), ledger.Peek("amlodipine", fill.AddDays(20)));
        Assert.Equal((0, fill.DayNumber, World.Amlodipine), ledger.Peek("amlodipine", fill.AddDays(179)));
        Assert.Equal((0, (int?)null, (string?)null), ledger.Peek("amlodipine", fill.AddDays(180)));
        Assert.Equal((0, (int?)null, (string?)null), ledger.Peek("atorvastatin", fill.AddDays(20)));
    }

    [Fact]
    public void Peek_AfterStacking_ChangesNothing()
    {
        var fill = new DateOnly(2026, 1, 1);
        var ledger = new SupplyLedger();
        ledger.Stack("amlodipine", new SupplyLine("S1", World.Hospital, fill, 30, World.Amlodipine, 1));

        ledger.Peek("amlodipine", fill.AddDays(100));

        Assert.Equal(10, ledger.Before("amlodipine", fill.AddDays(20)).RemainingDays);
    }

    /// <summary>
    /// 2..3 patients refilling amlodipine (generic or brand), a statin and metformin for <paramref name="months"/>
    /// months, with brand switches, early refills, gaps of up to three months, inflated prices, doubled quantities, odd
    /// hours, exams and long prescriptions; with <paramref name="reversals"/>, duplicates and reversals too.
    /// </summary>
    internal static (Patient[] Patients, List<InputEvent> Events) Scenario(Random rng, int months, bool reversals = true)
    {
        var patients = Enumerable.Range(0, rng.Next(2, 4)).Select(i => World.Patient($"P{i}",
            diseases: [new DiseaseApproval("HTN", new DateOnly(2025, 6, 10), new DateOnly(2027, 6, 9)), new DiseaseApproval("T2DM", new DateOnly(2025, 6, 10), new DateOnly(2027, 6, 9))])).ToArray();
        var events = new List<InputEvent>();
        var start = new DateOnly(2026, 1, 1);
        string[] facilities = [World.Hospital, World.Hospital2, World.Community2, World.Pharmacy];
        var n = 0;
        foreach (var p in patients)
        {
            var brand = rng.Next(3) == 0;
            var day = start.AddDays(rng.Next(0, 20));
            var end = start.AddMonths(months);
            while (day < end)
            {
                var id = $"S{n++:D3}";
                var hour = rng.Next(8) == 0 ? rng.Next(0, 24) : rng.Next(8, 18);
                var b = S(id).At($"{day:yyyy-MM-dd}T{hour:D2}:{rng.Next(0, 60):D2}:00+08:00").Patient(p.PatientId)
                    .Facility(facilities[rng.Next(facilities.Length)]);
                var longRx = rng.Next(10) == 0;
                var days = longRx ? 84 : 30;
                b.Long(longRx);
                if (rng.Next(6) == 0)
                {
                    b.Disease("T2DM");
                    Line(b, rng, World.Metformin, 0.12m, days);
                }
                else
                {
                    if (rng.Next(5) == 0)
                    {
                        brand = !brand; // a switch of product
                    }

                    Line(b, rng, brand ? World.AmlodipineBrand : World.Amlodipine, brand ? 2.10m : 0.35m, days);
                    if (rng.Next(2) == 0)
                    {
                        Line(b, rng, World.Atorvastatin, 1.05m, days);
                    }
                }

                if (rng.Next(5) == 0)
                {
                    b.Exam(rng.Next(15, 60));
                }

                var s = b.Build();
                events.Add(s);
                if (reversals && rng.Next(8) == 0)
                {
                    events.Add(s); // duplicate delivery
                }

                if (reversals && rng.Next(8) == 0)
                {
                    events.Add(new Reversal { SettlementId = id, ReversedAt = Ts($"{day.AddDays(2):yyyy-MM-dd}T10:00:00+08:00") });
                }

                // Usually about a month; now and then early (a refill in the supply) or after a long gap.
                day = day.AddDays(rng.Next(6) switch
                {
                    0 => rng.Next(5, 20),
                    1 => rng.Next(40, 100),
                    _ => days + rng.Next(-3, 4),
                });
            }
        }

        return (patients, events);
    }

    private static void Line(SettlementBuilder b, Random rng, string drug, decimal referencePrice, int days)
    {
        var quantity = rng.Next(8) == 0 ? days * 2 : days;
        var price = rng.Next(7) == 0 ? referencePrice * rng.Next(15, 40) / 10m : referencePrice * (1 + (rng.Next(-5, 6) / 100m));
        b.Drug(drug, days, Math.Round(price * quantity, 2), quantity);
    }

    /// <summary>Every open alert (id, score, evidence) and the actions in force.</summary>
    private static string Outcome(EngineDriver d) =>
        string.Join('\n', d.Open.OrderBy(a => a.AlertId, StringComparer.Ordinal).Select(a => $"{a.AlertId} {Score(a)} {a.EvidenceJson}"))
        + "\n--\n" + OrderIndependenceTests.Outcome(d).Split("\n--\n")[1];

    /// <summary>The open R15 alerts: id, score, evidence and message.</summary>
    private static string R15(EngineDriver d) =>
        string.Join('\n', d.Open.Where(a => a.Rule == "R15").OrderBy(a => a.AlertId, StringComparer.Ordinal).Select(a => $"{a.AlertId} {Score(a)} {a.EvidenceJson} {a.MessageEn}"));

    private static string Score(Alert a) => a.Score?.ToString("R", CultureInfo.InvariantCulture) ?? "-";

    private static void Same(string expected, string actual, string what)
    {
        if (actual != expected)
        {
            var e = expected.Split('\n');
            var a = actual.Split('\n');
            Assert.Fail($"{what}:\nmissing:\n{string.Join('\n', e.Except(a))}\nextra:\n{string.Join('\n', a.Except(e))}");
        }
    }

    private static string? ModelOf(Alert a)
    {
        using var doc = JsonDocument.Parse(a.EvidenceJson);
        return doc.RootElement.GetProperty("model").GetString();
    }

    private static DetectionEngine NewEngine(DetectionPolicy policy, FeatureCapture? capture = null, OutlierModelSlot? outliers = null) =>
        new(policy, World.Reference(), new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)))
        {
            Capture = capture,
            Outliers = outliers,
        };

    private static Timestamp Ts(string s) => IsoTimestamp.TryParse(s, out var t) ? t : throw new ArgumentException(s);
}
