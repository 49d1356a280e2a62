using System.IO.Compression;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Engine;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.State;
using ChronicCare.Monitor.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static ChronicCare.Monitor.Tests.Support.SettlementBuilder;

namespace ChronicCare.Monitor.Tests.State;

/// <summary>
/// The persisted form of one patient's state: every field comes back (settlements of every shape, stays, the
/// carry of pruned history, the late set, the alerts and actions as emitted, the registry entries), and a blob
/// of an unknown version or cut short is rejected as <see cref="InvalidDataException"/>.
/// </summary>
public sealed class PatientStateCodecTests
{
    private static readonly DetectionPolicy Short = DetectionPolicy.Default with { AllowedLatenessDays = 10 };

    [Fact]
    public void ImportPatient_PatientOfEveryShape_RestoresEveryField()
    {
        var d = RichPatient();
        var st = d.Engine.PatientStateOf("P1")!;

        // The scenario does produce every shape the blob must carry.
        Assert.NotNull(st.Carry);
        Assert.Contains(st.Carry!.Actions, a => a.Action == ActionKind.Warning);
        Assert.NotEmpty(st.Carry.Ledger.Export());
        Assert.Contains("S00", st.Late!);
        Assert.NotNull(st.PrunedUses);
        Assert.Contains(st.Stays.Values, s => s.DischargedOn is null);
        Assert.Contains(st.Stays.Values, s => s.DischargedOn is not null);
        Assert.Contains(st.Alerts.Values, a => a.Record.Status == AlertStatus.Withdrawn);
        Assert.Contains(st.Alerts.Values, a => a.Record.Status == AlertStatus.Open);
        Assert.Contains(st.Actions.Values, a => a.Action == ActionKind.Reinstate);
        Assert.Contains(st.Actions.Keys, id => id.EndsWith("#2", StringComparison.Ordinal));
        Assert.Contains(st.Settlements, s => s.Identity.Method == IdentityMethod.Proxy);
        Assert.Contains(st.Settlements, s => s.Identity.Method == IdentityMethod.Face && s.Identity.FaceScore is null);
        Assert.Contains(st.Settlements, s => s.PrescribingFacilityId is not null && s.Prescription.Note is not null);
        Assert.Contains(st.Settlements, s => s.Lines.Any(l => l.DaysSupply is null));
        Assert.True(d.Engine.RegistryEntryOf("S99") is { Pending: true, Reversed: true, PatientId: "P1" });
        Assert.True(d.Engine.RegistryEntryOf("S09") is { Pending: false, Reversed: true, Settlement: null });
        Assert.True(d.Engine.RegistryEntryOf("S05") is { Reversed: false, Settlement: null });
        Assert.Null(d.Engine.RegistryEntryOf("S01"));

        var restored = NewEngine(Short);
        restored.ImportPatient(d.Engine.ExportPatient("P1"));

        Assert.Equal(StateDump.Of(d.Engine, "P1"), StateDump.Of(restored, "P1"));
        Assert.Equal(d.Engine.Horizon, restored.Horizon);
        Assert.Equal(0, restored.PendingPatients);
    }

    [Fact]
    public void Decode_ThenEncode_GivesTheSameBytes()
    {
        var blob = RichPatient().Engine.ExportPatient("P1")!;

        Assert.Equal(blob, PatientStateCodec.Encode(PatientStateCodec.Decode(blob)));
    }

    [Fact]
    public void ImportPatient_OffsetsAndDecimalScales_PrintAsBefore()
    {
        var d = new EngineDriver();
        d.ApplyEach(
            S("S1").At("2026-03-01T09:00:00Z").Drug(World.Amlodipine, 30, amount: 10.50m, quantity: 30.0m),
            S("S2").At("2026-03-05T09:15:30.1234567+05:45").Drug(World.Amlodipine, 30, amount: 12.000m),
            S("S3").At("2026-03-06T23:59:59-03:30").Identity(IdentityMethod.Face, faceScore: 0.7900m).Drug(World.Amlodipine, 30, amount: 1e-20m));

        var restored = NewEngine(DetectionPolicy.Default);
        restored.ImportPatient(d.Engine.ExportPatient("P1"));

        var before = d.Engine.PatientStateOf("P1")!.Settlements;
        var after = restored.PatientStateOf("P1")!.Settlements;
        Assert.Equal(before.Select(s => s.SettledAt.ToString()), after.Select(s => s.SettledAt.ToString()));
        Assert.Equal(before.Select(s => s.SettledAt.Value.Ticks), after.Select(s => s.SettledAt.Value.Ticks));
        Assert.Equal(before.SelectMany(s => s.Lines).Select(l => $"{l.Quantity} {l.UnitPrice} {l.Amount}"), after.SelectMany(s => s.Lines).Select(l => $"{l.Quantity} {l.UnitPrice} {l.Amount}"));
        Assert.Equal("0.7900", after[2].Identity.FaceScore?.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ExportPatient_TypicalPatients_CompressesBodyToUnderAThird()
    {
        var d = YearOfMonthlySettlements();
        var blob = d.Engine.ExportPatient("P1")!;
        var body = Body(blob);

        Assert.True(blob.Length * 3 < body.Length, $"{blob.Length} bytes stored for a body of {body.Length}");
    }

    [Fact]
    public void Decode_UnknownVersion_ThrowsInvalidData()
    {
        var blob = RichPatient().Engine.ExportPatient("P1")!;
        blob[0] = PatientStateCodec.Version + 1;

        var e = Assert.Throws<InvalidDataException>(() => PatientStateCodec.Decode(blob));
        Assert.Contains($"version {PatientStateCodec.Version + 1}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportPatient_WithReviews_RestoresReviewsAndTheirSanctions()
    {
        var d = new EngineDriver();
        d.ApplyEach(
            S("S1").On("2026-03-01").Drug(World.Amlodipine, 31),
            S("S2").On("2026-04-15").Drug("D1", 31),
            Integrity.SanctionLadderTests.Confirm("R02:S1", "2026-03-05T10:00:00+08:00", "2026-03-01"),
            Integrity.SanctionLadderTests.Confirm("R02:S2", "2026-04-20T10:00:00+08:00", "2026-04-15"));
        var restored = NewEngine(DetectionPolicy.Default);
        restored.ImportPatient(d.Engine.ExportPatient("P1"));

        var reviews = restored.PatientStateOf("P1")!.Reviews!.Values.OrderBy(r => r.DecisionId, StringComparer.Ordinal).ToList();
        Assert.Equal(2, reviews.Count);
        Assert.Equal(("R02:S1", "R02", new DateOnly(2026, 3, 1), "reviewer-1", "核实：病历记录与处方不符"),
            (reviews[0].AlertId, reviews[0].Rule, reviews[0].IncidentDate!.Value, reviews[0].DecidedBy, reviews[0].Note));
        Assert.Equal(StateDump.Of(d.Engine, "P1"), StateDump.Of(restored, "P1"));
        Assert.Contains("SELF_PAY:P1:20260415", restored.PatientStateOf("P1")!.Actions.Keys);

        // A later settlement judged by the restored engine sees the sanction.
        restored.Apply(S("S3").On("2026-05-01").Drug(World.Atorvastatin));
        Assert.Contains(restored.Flush().Alerts, a => a.AlertId == "R06:S3");
    }

    [Fact]
    public void Decode_Version2Blob_ReadsEveryFieldWithTheLastFillsUnknown()
    {
        // RichPatient as the version-2 build wrote and dumped it (before the ledger kept last fills).
        var decoded = PatientStateCodec.Decode(Version2Blob());

        Assert.NotEmpty(decoded.State.Carry!.Ledger.Export());
        Assert.Empty(decoded.State.Carry.Ledger.ExportLastFills());
        var restored = new DetectionEngine(DetectionPolicy.Default, World.Reference(), new FakeTimeProvider());
        restored.ImportPatient(PatientStateCodec.Encode(decoded));
        var expected = File.ReadAllText(Fixture("patient-state-v2.dump.txt"));
        Assert.Equal(expected, StateDump.Of(restored, "P1"));
    }

    [Fact]
    public void Decode_Version1Blob_ReadsWithNoReviews()
    {
        var v2 = Version2Blob();
        var body = Body(v2);

        // Version 1 had no review count at the end of the body.
        var v1Body = body[..^1];
        var compressed = new byte[BrotliEncoder.GetMaxCompressedLength(v1Body.Length)];
        Assert.True(BrotliEncoder.TryCompress(v1Body, compressed, out var written));
        var v1 = new List<byte> { 1 };
        for (var v = (uint)v1Body.Length; ; v >>= 7)
        {
            v1.Add((byte)(v < 0x80 ? v : (v & 0x7F) | 0x80));
            if (v < 0x80)
            {
                break;
            }
        }

        v1.AddRange(compressed.AsSpan(0, written).ToArray());
        var decoded = PatientStateCodec.Decode(v1.ToArray());

        Assert.Null(decoded.State.Reviews);
        Assert.Equal(PatientStateCodec.Encode(PatientStateCodec.Decode(v2)), PatientStateCodec.Encode(decoded));
    }

    private static byte[] Version2Blob() => Convert.FromBase64String(File.ReadAllText(Fixture("patient-state-v2.b64")).Trim());

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "State", "Fixtures", name);

    [Fact]
    public void Decode_Empty_ThrowsInvalidData() => Assert.Throws<InvalidDataException>(() => PatientStateCodec.Decode([]));

    [Fact]
    public void Decode_TruncatedBlob_ThrowsInvalidDataAtEveryLength()
    {
        var blob = RichPatient().Engine.ExportPatient("P1")!;
        for (var length = 0; length < blob.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => PatientStateCodec.Decode(blob.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Decode_TruncatedBody_ThrowsInvalidDataAtEveryLength()
    {
        // A well-formed envelope around a body cut short: the body reader itself must notice.
        var body = Body(RichPatient().Engine.ExportPatient("P1")!);
        for (var length = 0; length < body.Length; length += 7)
        {
            var blob = Envelope(body.AsSpan(0, length));
            Assert.Throws<InvalidDataException>(() => PatientStateCodec.Decode(blob));
        }
    }

    [Fact]
    public void ImportPatient_TruncatedBlob_ThrowsInvalidDataAndKeepsNothing()
    {
        var blob = RichPatient().Engine.ExportPatient("P1")!;
        var engine = NewEngine(Short);

        Assert.Throws<InvalidDataException>(() => engine.ImportPatient(blob.AsSpan(0, blob.Length / 2)));
        Assert.Null(engine.PatientStateOf("P1"));
        Assert.Null(engine.ExportPatient("P1"));
    }

    /// <summary>
    /// P1 with a pruned past (an over-prescribing incident whose WARNING is carried, a stay closed long ago, a
    /// settlement whose use the index still holds), then settlements of every shape, a SUSPEND that moves to an
    /// earlier trigger and back (REINSTATE and <c>#2</c>), a reversal after its settlement, a pending one, stays
    /// open and closed, and a settlement older than the allowed lateness.
    /// </summary>
    internal static EngineDriver RichPatient()
    {
        var d = new EngineDriver(policy: Short);
        d.ApplyEach(
            S("S01").On("2026-01-05").Drug(World.Amlodipine, 30),
            S("S02").On("2026-01-10").Drug(World.Amlodipine, 30),
            Admit("ST1", "2026-01-20"),
            Discharge("ST1", "2026-01-25"),
            S("S05").On("2026-04-12").Drug(World.Atorvastatin, 30).Exam(30m),
            S("S13").On("2026-05-01").Drug(World.Metformin, 28, amount: 33.30m),
            S("S10").On("2026-04-23").Identity(IdentityMethod.Face).Note("患者外出，提前取药").PrescribedAt(World.Hospital2).Drug(World.Atorvastatin, 28).Exam(),
            S("S09").On("2026-04-22").Identity(IdentityMethod.Face, faceScore: 0.50m).Drug(World.Amlodipine, 30),
            new Reversal { SettlementId = "S09", ReversedAt = Ts("2026-05-02T10:00:00+08:00"), PatientId = "P1" },
            S("S11").On("2026-04-24").Identity(IdentityMethod.Proxy, proxyId: "F1", presenter: "H-X").Drug(World.Amlodipine, 30),
            Admit("ST2", "2026-04-25"),
            S("S14").On("2026-04-28").Drug(World.Amlodipine, 30),
            Admit("ST3", "2026-04-26"),
            Discharge("ST3", "2026-04-27"),
            S("S00").On("2026-02-20").Drug(World.Amlodipine, 60),
            new Reversal { SettlementId = "S99", ReversedAt = Ts("2026-05-02T11:00:00+08:00"), PatientId = "P1" });
        return d;
    }

    /// <summary>A patient settling monthly for a year (two drugs and an exam each time), some of it flagged.</summary>
    internal static EngineDriver YearOfMonthlySettlements()
    {
        var d = new EngineDriver();
        for (var m = 1; m <= 12; m++)
        {
            d.Apply(S($"S{m:D2}").On($"2025-{m:D2}-{(m % 3 == 0 ? 5 : 15):D2}").Facility(m % 4 == 0 ? World.Community : World.Hospital)
                .Drug(World.Amlodipine, 30, amount: 10.50m).Drug(World.Atorvastatin, m % 5 == 0 ? 60 : 30, amount: 31.5m).Exam(25m));
        }

        return d;
    }

    internal static byte[] Body(byte[] blob)
    {
        var n = 1;
        var length = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = blob[n++];
            length |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }
        }

        var body = new byte[length];
        Assert.True(BrotliDecoder.TryDecompress(blob.AsSpan(n), body, out var written) && written == length);
        return body;
    }

    private static byte[] Envelope(ReadOnlySpan<byte> body)
    {
        var header = new List<byte> { PatientStateCodec.Version };
        for (var v = (uint)body.Length; ; v >>= 7)
        {
            header.Add((byte)(v < 0x80 ? v : (v & 0x7F) | 0x80));
            if (v < 0x80)
            {
                break;
            }
        }

        var compressed = new byte[BrotliEncoder.GetMaxCompressedLength(body.Length) + 16];
        Assert.True(BrotliEncoder.TryCompress(body, compressed, out var written));
        return [.. header, .. compressed.AsSpan(0, written)];
    }

    private static DetectionEngine NewEngine(DetectionPolicy policy) =>
        new(policy, World.Reference(), new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)));

    private static Admission Admit(string stay, string date) =>
        new() { StayId = stay, PatientId = "P1", FacilityId = World.Hospital2, AdmittedAt = Ts($"{date}T08:00:00+08:00") };

    private static Discharge Discharge(string stay, string date) =>
        new() { StayId = stay, PatientId = "P1", DischargedAt = Ts($"{date}T08:00:00+08:00") };

    private static Timestamp Ts(string s) => IsoTimestamp.TryParse(s, out var t) ? t : throw new ArgumentException(s);
}
