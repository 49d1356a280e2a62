using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Analytics.Tests.Support;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;
using Xunit;

namespace ChronicCare.Monitor.Analytics.Tests.Store;

/// <summary>
/// What every <see cref="IAnalyticsStore"/> promises, run against each store by a subclass: the same facts, the same
/// expected answers, so SQLite and ClickHouse are interchangeable. Each test gets its own storage (a file, a
/// database); <see cref="OpenStore"/> called twice in a test opens the same storage twice, as two processes would.
/// </summary>
public abstract class AnalyticsStoreContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>The store's migration ids in apply order.</summary>
    protected abstract IReadOnlyList<string> ExpectedMigrations { get; }

    /// <summary>A new handle on this test's storage, not migrated.</summary>
    protected abstract IAnalyticsStore OpenStore();

    [Fact]
    public async Task MigrateAsync_FreshStore_AppliesEveryMigrationInOrder()
    {
        await using var store = OpenStore();
        Assert.Empty(await store.AppliedMigrationsAsync(None));

        await store.MigrateAsync(None);

        var applied = await store.AppliedMigrationsAsync(None);
        Assert.Equal(ExpectedMigrations, applied);
        Assert.Equal(applied.Order(StringComparer.Ordinal), applied);
    }

    [Fact]
    public async Task MigrateAsync_SecondRun_LeavesAppliedListAndDataUnchanged()
    {
        await using var store = await MigratedStoreAsync();
        await store.WriteAsync(Rows.Batch(b => b.Alerts.Add(Rows.Alert("R01:S0001"))), None);
        var before = await store.AppliedMigrationsAsync(None);

        await store.MigrateAsync(None);

        Assert.Equal(before, await store.AppliedMigrationsAsync(None));
        Assert.NotNull(await store.FindAlertAsync("R01:S0001", None));
    }

    [Fact]
    public async Task MigrateAsync_TwoMigratorsAtOnce_RecordEveryMigrationOnce()
    {
        await using var first = OpenStore();
        await using var second = OpenStore();

        await Task.WhenAll(Task.Run(() => first.MigrateAsync(None)), Task.Run(() => second.MigrateAsync(None)));

        Assert.Equal(ExpectedMigrations, await first.AppliedMigrationsAsync(None));
        Assert.Equal(ExpectedMigrations, await second.AppliedMigrationsAsync(None));
    }

    [Fact]
    public async Task WriteAsync_SameBatchTwice_LeavesEveryQueryResultUnchanged()
    {
        await using var store = await MigratedStoreAsync();
        var batch = Rows.Batch(b =>
        {
            b.Settlements.Add(Rows.Settlement("S0001", "K1", "F001", new DateOnly(2026, 3, 2), 10_000));
            b.Settlements.Add(Rows.Settlement("S0002", "K1", "F001", new DateOnly(2026, 3, 9), 20_000));
            b.Settlements.Add(Rows.Settlement("S0003", "K2", "F002", new DateOnly(2026, 3, 9), 5_000));
            b.Lines.Add(new LineRow("S0001", 1, "drug", "X01", 30, 6_000, 30));
            b.Reversals.Add(Rows.Reversal("S0003"));
            b.Stays.Add(new StayRow("H1", "K1", "F009", new DateOnly(2026, 3, 3), null));
            b.Enrolments.Add(new EnrolmentRow("K1", "M01", "320700", "employee", new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 31)));
            b.Diseases.Add(new DiseaseRow("M01", "高血压", 30_000));
            b.Facilities.Add(new FacilityRow("F001", "市第一人民医院", "hospital", 3, "320706"));
            b.Alerts.Add(Rows.Alert("R01:S0002"));
            b.Alerts.Add(Rows.Alert("R12:F001:2026-03", "R12", "2026-03-31T23:59:59+08:00", "2026-03"));
            b.Actions.Add(Rows.Action("A1"));
            b.Decisions.Add(Rows.Decision("R01:S0002", new DateTimeOffset(2026, 3, 13, 9, 0, 0, Rows.Beijing), note: "核实无误"));
        });
        await store.WriteAsync(batch, None);
        await store.RefreshRollupsAsync("2026-03", None);
        var once = await SnapshotAsync(store);

        await store.WriteAsync(batch, None);
        await store.RefreshRollupsAsync("2026-03", None);

        Assert.Equal(once, await SnapshotAsync(store));
        Assert.Equal(2, (await store.FacilityMonthsAsync("2026-03", None)).Single().Settlements);
    }

    [Fact]
    public async Task RefreshRollupsAsync_HandMadeMonth_FacilityFiguresExact()
    {
        await using var store = await MigratedStoreAsync();
        await store.WriteAsync(HandMadeMonth(), None);

        await store.RefreshRollupsAsync("2026-03", None);

        var rows = await store.FacilityMonthsAsync("2026-03", None);
        Assert.Equal(
            [
                new FacilityMonthRow("2026-03", "F001", "hospital", 2, "320706", 3, 2, 60_000, 42_000, 18_000, 36_000, 12_000, 9_000, 3_000),
                new FacilityMonthRow("2026-03", "F002", "hospital", 1, "320706", 1, 1, 1_001, 700, 301, 600, 200, 150, 51),
            ],
            rows);
    }

    [Fact]
    public async Task RefreshRollupsAsync_HandMadeMonth_PatientFiguresExact()
    {
        await using var store = await MigratedStoreAsync();
        await store.WriteAsync(HandMadeMonth(), None);

        await store.RefreshRollupsAsync("2026-03", None);

        var rows = await store.PatientMonthsAsync("2026-03", None);
        Assert.Equal(
            [
                new PatientMonthRow("2026-03", "K1", "M01", 1, "320700", 1, 1_001, 700, 301, 600, 200, 150, 51),
                new PatientMonthRow("2026-03", "K1", "M01", 2, "320700", 2, 30_000, 21_000, 9_000, 18_000, 6_000, 4_500, 1_500),
                new PatientMonthRow("2026-03", "K2", "M01", 2, "320700", 1, 30_000, 21_000, 9_000, 18_000, 6_000, 4_500, 1_500),
            ],
            rows);
    }

    [Fact]
    public async Task RefreshRollupsAsync_OtherMonths_AreNeitherCountedNorTouched()
    {
        await using var store = await MigratedStoreAsync();
        await store.WriteAsync(HandMadeMonth(), None);
        await store.RefreshRollupsAsync("2026-02", None);
        var february = await store.FacilityMonthsAsync("2026-02", None);

        await store.RefreshRollupsAsync("2026-03", None);

        Assert.Equal(february, await store.FacilityMonthsAsync("2026-02", None));
        Assert.Equal(1, Assert.Single(february).Settlements);
        Assert.Empty(await store.FacilityMonthsAsync("2026-04", None));
    }

    [Fact]
    public async Task RefreshRollupsAsync_ReversalWrittenBeforeItsSettlement_ExcludesTheSettlement()
    {
        await using var store = await MigratedStoreAsync();
        await store.WriteAsync(Rows.Batch(b => b.Reversals.Add(Rows.Reversal("S0002"))), None);
        await store.WriteAsync(Rows.Batch(b =>
        {
            b.Settlements.Add(Rows.Settlement("S0001", "K1", "F001", new DateOnly(2026, 3, 2), 10_000));
            b.Settlements.Add(Rows.Settlement("S0002", "K2", "F001", new DateOnly(2026, 3, 3), 20_000));
        }), None);

        await store.RefreshRollupsAsync("2026-03", None);

        var row = Assert.Single(await store.FacilityMonthsAsync("2026-03", None));
        Assert.Equal((1L, 1L, 10_000L), (row.Settlements, row.Patients, row.TotalFen));
        Assert.Equal("K1", Assert.Single(await store.PatientMonthsAsync("2026-03", None)).PatientKey);
    }

    [Fact]
    public async Task RefreshRollupsAsync_ReversalAfterAnEarlierRefresh_RemovesTheSettlement()
    {
        await using var store = await MigratedStoreAsync();
        await store.WriteAsync(Rows.Batch(b =>
        {
            b.Settlements.Add(Rows.Settlement("S0001", "K1", "F001", new DateOnly(2026, 3, 2), 10_000));
            b.Settlements.Add(Rows.Settlement("S0002", "K2", "F001", new DateOnly(2026, 3, 3), 20_000));
        }), None);
        await store.RefreshRollupsAsync("2026-03", None);
        Assert.Equal(30_000, Assert.Single(await store.FacilityMonthsAsync("2026-03", None)).TotalFen);

        await store.WriteAsync(Rows.Batch(b => b.Reversals.Add(Rows.Reversal("S0001"))), None);
        await store.RefreshRollupsAsync("2026-03", None);

        var row = Assert.Single(await store.FacilityMonthsAsync("2026-03", None));
        Assert.Equal((1L, 1L, 20_000L), (row.Settlements, row.Patients, row.TotalFen));
        Assert.Equal(["K2"], (await store.PatientMonthsAsync("2026-03", None)).Select(r => r.PatientKey));
    }

    [Fact]
    public async Task RefreshRollupsAsync_EveryReversed_LeavesTheMonthEmpty()
    {
        await using var store = await MigratedStoreAsync();
        await store.WriteAsync(Rows.Batch(b => b.Settlements.Add(Rows.Settlement("S0001", "K1", "F001", new DateOnly(2026, 3, 2), 10_000))), None);
        await store.RefreshRollupsAsync("2026-03", None);

        await store.WriteAsync(Rows.Batch(b => b.Reversals.Add(Rows.Reversal("S0001"))), None);
        await store.RefreshRollupsAsync("2026-03", None);

        Assert.Empty(await store.FacilityMonthsAsync("2026-03", None));
        Assert.Empty(await store.PatientMonthsAsync("2026-03", None));
    }

    [Fact]
    public async Task RefreshRollupsAsync_SettlementRecordedWhileTheFacilityWasUnknown_TakesTheFacilityAsTheTableKnowsItNow()
    {
        await using var store = await MigratedStoreAsync();
        await store.WriteAsync(Rows.Batch(b =>
        {
            // F001's first settlement was recorded before the reference knew it; F002 is not in the table at all.
            b.Settlements.Add(Rows.UnknownFacility(Rows.Settlement("S0001", "K1", "F001", new DateOnly(2026, 3, 2), 10_000)));
            b.Settlements.Add(Rows.Settlement("S0002", "K2", "F001", new DateOnly(2026, 3, 9), 20_000, level: 1) with { FacilityKind = "community", FacilityRegion = "320703" });
            b.Settlements.Add(Rows.UnknownFacility(Rows.Settlement("S0003", "K1", "F002", new DateOnly(2026, 3, 9), 5_000)));
        }), None);
        await store.WriteAsync(Rows.Batch(b => b.Facilities.Add(new FacilityRow("F001", "新桥社区卫生服务中心", "community", 1, "320703"))), None);

        await store.RefreshRollupsAsync("2026-03", None);

        Assert.Equal(
            [
                new FacilityMonthRow("2026-03", "F001", "community", 1, "320703", 2, 2, 30_000, 21_000, 9_000, 18_000, 6_000, 4_500, 1_500),
                new FacilityMonthRow("2026-03", "F002", "unknown", -1, "", 1, 1, 5_000, 3_500, 1_500, 3_000, 1_000, 750, 250),
            ],
            await store.FacilityMonthsAsync("2026-03", None));
        Assert.Equal(
            [
                new PatientMonthRow("2026-03", "K1", "M01", -1, "320700", 1, 5_000, 3_500, 1_500, 3_000, 1_000, 750, 250),
                new PatientMonthRow("2026-03", "K1", "M01", 1, "320700", 1, 10_000, 7_000, 3_000, 6_000, 2_000, 1_500, 500),
                new PatientMonthRow("2026-03", "K2", "M01", 1, "320700", 1, 20_000, 14_000, 6_000, 12_000, 4_000, 3_000, 1_000),
            ],
            await store.PatientMonthsAsync("2026-03", None));
    }

    [Fact]
    public async Task RefreshRollupsAsync_FacilityLevelLoweredAfterItsSettlements_TakesTheCurrentLevel()
    {
        await using var store = await MigratedStoreAsync();
        await store.WriteAsync(Rows.Batch(b =>
        {
            b.Facilities.Add(new FacilityRow("F001", "市第一人民医院", "hospital", 3, "320706"));
            b.Settlements.Add(Rows.Settlement("S0001", "K1", "F001", new DateOnly(2026, 3, 2), 10_000, level: 3));
            b.Settlements.Add(Rows.Settlement("S0002", "K1", "F001", new DateOnly(2026, 3, 9), 20_000, level: 3));
        }), None);
        await store.RefreshRollupsAsync("2026-03", None);
        Assert.Equal(3, Assert.Single(await store.FacilityMonthsAsync("2026-03", None)).Level);

        await store.WriteAsync(Rows.Batch(b => b.Facilities.Add(new FacilityRow("F001", "市第一人民医院", "hospital", 2, "320707"))), None);
        await store.WriteAsync(Rows.Batch(b => b.Settlements.Add(Rows.Settlement("S0003", "K2", "F001", new DateOnly(2026, 3, 20), 5_000, level: 2))), None);
        await store.RefreshRollupsAsync("2026-03", None);

        var facility = Assert.Single(await store.FacilityMonthsAsync("2026-03", None));
        Assert.Equal(("hospital", 2, "320707", 3L, 35_000L), (facility.Kind, facility.Level, facility.Region, facility.Settlements, facility.TotalFen));
        Assert.Equal(
            [("K1", 2, 2L, 30_000L), ("K2", 2, 1L, 5_000L)],
            (await store.PatientMonthsAsync("2026-03", None)).Select(p => (p.PatientKey, p.FacilityLevel, p.Settlements, p.TotalFen)));
    }

    [Fact]
    public async Task RefreshRollupsAsync_ReadersDuringRepeatedRefreshesByTwoWriters_EveryReadSeesTheWholeMonth()
    {
        await using var writer = await MigratedStoreAsync();
        await using var otherWriter = OpenStore();
        await using var reader = OpenStore();
        await writer.WriteAsync(HandMadeMonth(), None);
        await writer.WriteAsync(Rows.Batch(b => b.Facilities.Add(new FacilityRow("F002", "社区卫生服务中心", "community", 1, "320703"))), None);
        await writer.RefreshRollupsAsync("2026-03", None);
        var facilities = await reader.FacilityMonthsAsync("2026-03", None);
        var patients = await reader.PatientMonthsAsync("2026-03", None);
        Assert.Equal(2, facilities.Count);

        // Two refreshers at once (close-month and a report, say) while a reader reads (month close's judgement); each
        // refreshes at least 10 times and goes on until the reader has read 20 times.
        var reads = 0;
        async Task Refresh(IAnalyticsStore store)
        {
            for (var i = 0; i < 10 || (Volatile.Read(ref reads) < 20 && i < 1_000); i++)
            {
                await store.RefreshRollupsAsync("2026-03", None);
            }
        }

        var refreshing = Task.WhenAll(Task.Run(() => Refresh(writer)), Task.Run(() => Refresh(otherWriter)));
        var partial = new List<string>();
        while (!refreshing.IsCompleted)
        {
            var f = await reader.FacilityMonthsAsync("2026-03", None);
            var p = await reader.PatientMonthsAsync("2026-03", None);
            if (!f.SequenceEqual(facilities) || !p.SequenceEqual(patients))
            {
                partial.Add($"read {reads + 1}: {f.Count} facility rows, {p.Count} patient rows");
            }

            Interlocked.Increment(ref reads);
        }

        await refreshing;
        Assert.Empty(partial);
        Assert.True(reads >= 20, $"only {reads} reads overlapped the refreshes");
        Assert.Equal(facilities, await reader.FacilityMonthsAsync("2026-03", None));
        Assert.Equal(patients, await reader.PatientMonthsAsync("2026-03", None));
    }

    [Theory]
    [InlineData("2026-3")]
    [InlineData("2026-13")]
    [InlineData("2026-03-01")]
    [InlineData("2026-03' OR 1=1 --")]
    public async Task RefreshRollupsAsync_NotAMonth_ThrowsArgumentException(string month)
    {
        await using var store = await MigratedStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.RefreshRollupsAsync(month, None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AlertsAsync(month, None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.FacilityMonthsAsync(month, None));
    }

    [Fact]
    public async Task WriteAsync_AlertOpenThenWithdrawn_ReadsBackWithdrawnAndTheOlderVersionCannotReturn()
    {
        await using var store = await MigratedStoreAsync();
        var open = Rows.Alert("R01:S0001");
        var withdrawn = open with { Status = AlertStatus.Withdrawn, DetectedAt = open.DetectedAt.AddMinutes(5), MessageEn = "withdrawn: reversed" };
        await store.WriteAsync(Rows.Batch(b => b.Alerts.Add(open)), None);
        await store.WriteAsync(Rows.Batch(b => b.Alerts.Add(withdrawn)), None);

        await store.WriteAsync(Rows.Batch(b => b.Alerts.Add(open)), None); // an older record replayed late

        Assert.Equal(RecordText.Of(withdrawn), RecordText.Of((await store.FindAlertAsync("R01:S0001", None))!));
        Assert.Equal([RecordText.Of(withdrawn)], RecordText.Of(await store.AlertsAsync("2026-03", None)));
    }

    [Fact]
    public async Task WriteAsync_OpenAndWithdrawnInOneBatch_KeepsTheLaterVersion()
    {
        await using var store = await MigratedStoreAsync();
        var open = Rows.Alert("R01:S0001");
        var withdrawn = open with { Status = AlertStatus.Withdrawn, DetectedAt = open.DetectedAt.AddSeconds(1) };

        await store.WriteAsync(Rows.Batch(b => b.Alerts.AddRange([withdrawn, open])), None);

        Assert.Equal(AlertStatus.Withdrawn, (await store.FindAlertAsync("R01:S0001", None))!.Status);
    }

    [Fact]
    public async Task FindAlertAsync_AlertWithChineseQuotesAndNewlines_RoundTripsEveryField()
    {
        await using var store = await MigratedStoreAsync();
        var alert = Rows.Alert("R03:S0009") with
        {
            Severity = Severity.Medium,
            Score = 0.30000000000000004,
            EvidenceJson = """{"drugs":["阿托伐他汀钙片"],"text":"a 'quoted' \"double\" back\\slash\r\nnext line\ttab","n":1e-7}""",
            MessageZh = "同一药品在多家机构重复开具，'单引号' \"双引号\" 反斜杠\\ 换行\n结束",
        };

        await store.WriteAsync(Rows.Batch(b => b.Alerts.Add(alert)), None);

        var read = await store.FindAlertAsync("R03:S0009", None);
        Assert.Equal(alert, read);
        Assert.Equal(RecordText.Of(alert), RecordText.Of(read!));
        Assert.Equal(Rows.Beijing, read!.DetectedAt.Offset);
    }

    [Fact]
    public async Task FindAlertAsync_MissingId_ReturnsNull()
    {
        await using var store = await MigratedStoreAsync();
        await store.WriteAsync(Rows.Batch(b => b.Alerts.Add(Rows.Alert("R01:S0001"))), None);

        Assert.Null(await store.FindAlertAsync("R01:S9999", None));
        Assert.Null(await store.FindAlertAsync("it's \\ not there", None));
    }

    [Fact]
    public async Task AlertsAsync_EventTimeJustAfterMidnightBeijing_CountsInItsOwnOffsetsMonth()
    {
        await using var store = await MigratedStoreAsync();
        var april = Rows.Alert("R01:S0001", eventTime: "2026-04-01T00:30:00+08:00"); // still March in UTC
        var march = Rows.Alert("R01:S0002", eventTime: "2026-03-31T23:30:00+08:00");

        await store.WriteAsync(Rows.Batch(b => b.Alerts.AddRange([april, march])), None);

        Assert.Equal(["R01:S0002"], (await store.AlertsAsync("2026-03", None)).Select(a => a.AlertId));
        Assert.Equal(["R01:S0001"], (await store.AlertsAsync("2026-04", None)).Select(a => a.AlertId));
        Assert.Equal("2026-04-01T00:30:00+08:00", (await store.AlertsAsync("2026-04", None))[0].EventTime);
    }

    [Fact]
    public async Task PeriodAlertsAsync_MixedRulesAndPeriods_ReturnsTheR12AndR13OfThePeriodInIdOrder()
    {
        await using var store = await MigratedStoreAsync();
        await store.WriteAsync(Rows.Batch(b => b.Alerts.AddRange(
        [
            Rows.Alert("R13:K1:2026-03", "R13", "2026-03-31T23:59:59+08:00", "2026-03"),
            Rows.Alert("R12:F001:2026-03", "R12", "2026-03-31T23:59:59+08:00", "2026-03") with { Status = AlertStatus.Withdrawn },
            Rows.Alert("R12:F001:2026-02", "R12", "2026-02-28T23:59:59+08:00", "2026-02"),
            Rows.Alert("R14:F001:2026-03", "R14", "2026-03-31T23:59:59+08:00", "2026-03"),
            Rows.Alert("R01:S0001"),
        ])), None);

        var alerts = await store.PeriodAlertsAsync("2026-03", None);

        Assert.Equal(["R12:F001:2026-03", "R13:K1:2026-03"], alerts.Select(a => a.AlertId));
        Assert.Equal(AlertStatus.Withdrawn, alerts[0].Status);
    }

    [Fact]
    public async Task FindActionAsync_AutomaticActionWithoutUntil_RoundTripsEveryField()
    {
        await using var store = await MigratedStoreAsync();
        var action = Rows.Action("ACT:SELF_PAY:P0001:2026-03-12", alertIds: ["R01:S0001", "R02:S0002", "R03:S0003"]);

        await store.WriteAsync(Rows.Batch(b => b.Actions.Add(action)), None);

        var read = await store.FindActionAsync(action.ActionId, None);
        Assert.NotNull(read);
        Assert.Null(read.EffectiveUntil);
        Assert.Equal(["R01:S0001", "R02:S0002", "R03:S0003"], read.AlertIds);
        Assert.Equal(RecordText.Of(action), RecordText.Of(read));
        Assert.Equal("2026-03-12T15:40:00+08:00", read.EffectiveFrom.ToString());
    }

    [Fact]
    public async Task FindActionAsync_ReinstatementWithUntilAndReviewer_RoundTripsEveryField()
    {
        await using var store = await MigratedStoreAsync();
        var action = Rows.Action("ACT:REINSTATE:1", until: "2026-12-31T23:59:59+08:00", alertIds: []) with
        {
            Action = ActionKind.Reinstate,
            Automatic = false,
            DecidedBy = "科长 \"李\" O'Neil",
            Revokes = "ACT:SELF_PAY:P0001:2026-03-12",
        };

        await store.WriteAsync(Rows.Batch(b => b.Actions.Add(action)), None);

        var read = await store.FindActionAsync(action.ActionId, None);
        Assert.Equal(RecordText.Of(action), RecordText.Of(read!));
        Assert.Empty(read!.AlertIds);
        Assert.True(read.SameContent(action));
    }

    [Fact]
    public async Task FindActionAsync_MissingId_ReturnsNull()
    {
        await using var store = await MigratedStoreAsync();
        await store.WriteAsync(Rows.Batch(b => b.Actions.Add(Rows.Action("A1"))), None);

        Assert.Null(await store.FindActionAsync("A2", None));
    }

    [Fact]
    public async Task ActionsAsync_LaterVersionMovesEffectiveFromToNextMonth_ListedOnlyInTheNewMonth()
    {
        await using var store = await MigratedStoreAsync();
        var march = Rows.Action("A1");
        var april = march with
        {
            EffectiveFrom = new Timestamp(new DateTimeOffset(2026, 4, 1, 9, 0, 0, Rows.Beijing)),
            DecidedAt = march.DecidedAt.AddDays(20),
        };
        await store.WriteAsync(Rows.Batch(b => b.Actions.AddRange([march, Rows.Action("A2")])), None);

        await store.WriteAsync(Rows.Batch(b => b.Actions.Add(april)), None);

        Assert.Equal(["A2"], (await store.ActionsAsync("2026-03", None)).Select(a => a.ActionId));
        Assert.Equal([RecordText.Of(april)], RecordText.Of(await store.ActionsAsync("2026-04", None)));
    }

    [Fact]
    public async Task DecisionsAsync_WrittenOutOfOrder_RoundTripInDecidedAtOrder()
    {
        await using var store = await MigratedStoreAsync();
        var later = Rows.Decision("R01:S0001", new DateTimeOffset(2026, 3, 14, 9, 0, 0, Rows.Beijing), ReviewVerdict.Dismiss, "误报：\"已核实\"\n第二行");
        var earlier = Rows.Decision("R01:S0002", new DateTimeOffset(2026, 3, 13, 9, 0, 0, Rows.Beijing));
        var reinstate = new ReviewDecision
        {
            PatientId = "P0001",
            Verdict = ReviewVerdict.Reinstate,
            ActionId = "ACT:SELF_PAY:P0001:2026-03-12",
            Finding = ReviewFinding.Fraud,
            DecidedBy = "reviewer-2",
            DecidedAt = new Timestamp(new DateTimeOffset(2026, 3, 14, 9, 0, 0, Rows.Beijing)),
            Note = "申诉成立",
        };

        await store.WriteAsync(Rows.Batch(b => b.Decisions.AddRange([later, reinstate, earlier])), None);
        await store.WriteAsync(Rows.Batch(b => b.Decisions.Add(later)), None);

        // Same instant: by decision id, "REVIEW:ACT..." before "REVIEW:R01...".
        Assert.Equal(RecordText.Of([earlier, reinstate, later]), RecordText.Of(await store.DecisionsAsync(None)));
    }

    [Fact]
    public async Task EnrolmentsAsync_PeriodsAroundTheMonth_ReturnsThoseOverlappingIt()
    {
        await using var store = await MigratedStoreAsync();
        EnrolmentRow Enrolment(string key, DateOnly from, DateOnly until) => new(key, "M01", "320700", "resident", from, until);
        await store.WriteAsync(Rows.Batch(b => b.Enrolments.AddRange(
        [
            Enrolment("K1-ends-on-the-1st", new DateOnly(2024, 4, 1), new DateOnly(2026, 3, 1)),
            Enrolment("K2-ended-before", new DateOnly(2024, 3, 1), new DateOnly(2026, 2, 28)),
            Enrolment("K3-starts-on-the-31st", new DateOnly(2026, 3, 31), new DateOnly(2028, 3, 30)),
            Enrolment("K4-starts-after", new DateOnly(2026, 4, 1), new DateOnly(2028, 3, 31)),
            Enrolment("K5-spans", new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 31)),
        ])), None);

        var rows = await store.EnrolmentsAsync("2026-03", None);

        Assert.Equal(["K1-ends-on-the-1st", "K3-starts-on-the-31st", "K5-spans"], rows.Select(r => r.PatientKey));
        Assert.Equal(Enrolment("K5-spans", new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 31)), rows[2]);
    }

    [Fact]
    public async Task EnrolmentsAsync_LaterRecordOfThePatientDropsAnApproval_ListsOnlyTheLaterSet()
    {
        await using var store = await MigratedStoreAsync();
        var hypertension = Enrolment("K1", "M01");
        var diabetes = Enrolment("K1", "M02");
        var other = Enrolment("K2", "M01");
        var first = Rows.Batch(b => b.Enrolments.AddRange([hypertension, diabetes, other]));
        var second = Rows.Batch(b => b.Enrolments.Add(hypertension with { Region = "320703" }));
        await store.WriteAsync(first, None);
        Assert.Equal([hypertension, diabetes, other], await store.EnrolmentsAsync("2026-03", None));

        await store.WriteAsync(second, None);

        Assert.Equal([hypertension with { Region = "320703" }, other], await store.EnrolmentsAsync("2026-03", None));
    }

    [Fact]
    public async Task EnrolmentsAsync_OlderBatchWrittenAgainAfterALaterSet_BringsNoDroppedApprovalBack()
    {
        await using var store = await MigratedStoreAsync();
        var hypertension = Enrolment("K1", "M01");
        var diabetes = Enrolment("K1", "M02");
        var first = Rows.Batch(b => b.Enrolments.AddRange([hypertension, diabetes]));
        var second = Rows.Batch(b => b.Enrolments.Add(hypertension));
        Assert.True(first.EnrolmentVersion < second.EnrolmentVersion, "a batch created later has the higher version");
        await store.WriteAsync(first, None);
        await store.WriteAsync(second, None);

        await store.WriteAsync(first, None); // a replay of the older batch
        await store.WriteAsync(second, None);
        await store.WriteAsync(first, None);

        Assert.Equal([hypertension], await store.EnrolmentsAsync("2026-03", None));
    }

    [Fact]
    public async Task EnrolmentsAsync_LaterRecordWithNoApprovalLeft_ListsThePatientNoMore()
    {
        await using var store = await MigratedStoreAsync();
        var first = Rows.Batch(b => b.Enrolments.AddRange([Enrolment("K1", "M01"), Enrolment("K1", "M02"), Enrolment("K2", "M01")]));
        var none = Rows.Batch(b => b.ReplaceEnrolments("K1"));
        Assert.Equal(1, none.Count);
        await store.WriteAsync(first, None);

        await store.WriteAsync(none, None);
        await store.WriteAsync(first, None); // replayed: older than the empty set

        Assert.Equal([Enrolment("K2", "M01")], await store.EnrolmentsAsync("2026-03", None));
        var again = Rows.Batch(b =>
        {
            b.ReplaceEnrolments("K1");
            b.Enrolments.Add(Enrolment("K1", "M03"));
        });
        await store.WriteAsync(again, None);
        Assert.Equal([Enrolment("K1", "M03"), Enrolment("K2", "M01")], await store.EnrolmentsAsync("2026-03", None));
    }

    [Fact]
    public async Task EnrolmentsAsync_TwoSetsOfOnePatientInOneBatch_TheLaterStands()
    {
        await using var store = await MigratedStoreAsync();
        await store.WriteAsync(Rows.Batch(b => b.Enrolments.AddRange([Enrolment("K1", "M01"), Enrolment("K1", "M02")])), None);

        await store.WriteAsync(Rows.Batch(b =>
        {
            b.ReplaceEnrolments("K1");
            b.Enrolments.AddRange([Enrolment("K1", "M01"), Enrolment("K1", "M04")]);
            b.Enrolments.Add(Enrolment("K2", "M01"));
            b.ReplaceEnrolments("K1"); // the patient's later record in the same batch
            b.Enrolments.Add(Enrolment("K1", "M05") with { Insurance = "resident" });
            b.Enrolments.Add(Enrolment("K1", "M05")); // a disease twice: the later row
        }), None);

        Assert.Equal([Enrolment("K1", "M05"), Enrolment("K2", "M01")], await store.EnrolmentsAsync("2026-03", None));
    }

    [Fact]
    public async Task EnrolmentsAsync_VersionsSetByTheWriter_HigherStandsAndATieGoesToTheLaterWrite()
    {
        await using var store = await MigratedStoreAsync();
        AnalyticsBatch Set(long version, params string[] diseases)
        {
            var batch = Rows.Batch(b => b.ReplaceEnrolments("K1"));
            batch.EnrolmentVersion = version;
            batch.Enrolments.AddRange(diseases.Select(d => Enrolment("K1", d)));
            return batch;
        }

        await store.WriteAsync(Set(20, "M01", "M02"), None);
        await store.WriteAsync(Set(10, "M03"), None);
        Assert.Equal(["M01", "M02"], (await store.EnrolmentsAsync("2026-03", None)).Select(e => e.DiseaseCode));

        await store.WriteAsync(Set(20, "M04"), None);

        Assert.Equal(["M04"], (await store.EnrolmentsAsync("2026-03", None)).Select(e => e.DiseaseCode));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnalyticsBatch().EnrolmentVersion = -1);
    }

    [Fact]
    public async Task StaysAdmittedAsync_AdmissionAndDischargeWrittenApart_MergedIntoOneStay()
    {
        await using var store = await MigratedStoreAsync();
        await store.WriteAsync(Rows.Batch(b => b.Stays.Add(new StayRow("H2", "K2", "F009", null, new DateOnly(2026, 3, 20)))), None); // discharge first
        await store.WriteAsync(Rows.Batch(b =>
        {
            b.Stays.Add(new StayRow("H1", "K1", "F009", new DateOnly(2026, 3, 3), null));
            b.Stays.Add(new StayRow("H2", "K2", "F009", new DateOnly(2026, 3, 10), null));
            b.Stays.Add(new StayRow("H3", "K3", "F009", new DateOnly(2026, 2, 27), null));
        }), None);
        await store.WriteAsync(Rows.Batch(b =>
        {
            b.Stays.Add(new StayRow("H1", "K1", null, null, new DateOnly(2026, 3, 8)));
            b.Stays.Add(new StayRow("H3", "K3", "F009", null, new DateOnly(2026, 3, 2)));
        }), None);

        var stays = await store.StaysAdmittedAsync("2026-03", None);

        Assert.Equal(
            [
                new StayRow("H1", "K1", "F009", new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 8)),
                new StayRow("H2", "K2", "F009", new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 20)),
            ],
            stays);
        Assert.Equal("H3", Assert.Single(await store.StaysAdmittedAsync("2026-02", None)).StayId);
    }

    [Fact]
    public async Task StaysAdmittedAsync_StayWithBothDatesInOneRow_ReadsBackWhole()
    {
        await using var store = await MigratedStoreAsync();
        var stay = new StayRow("H1", "K1", "F009", new DateOnly(2026, 3, 3), new DateOnly(2026, 4, 2));

        await store.WriteAsync(Rows.Batch(b => b.Stays.Add(stay)), None);
        await store.WriteAsync(Rows.Batch(b => b.Stays.Add(stay)), None);

        Assert.Equal([stay], await store.StaysAdmittedAsync("2026-03", None));
        Assert.Empty(await store.StaysAdmittedAsync("2026-04", None));
    }

    [Fact]
    public async Task FacilitiesAsync_RowRewritten_ReturnsTheLatestInIdOrder()
    {
        await using var store = await MigratedStoreAsync();
        await store.WriteAsync(Rows.Batch(b =>
        {
            b.Facilities.Add(new FacilityRow("F002", "社区卫生服务中心", "community", 1, "320706"));
            b.Facilities.Add(new FacilityRow("F001", "旧名", "hospital", 2, "320706"));
            b.Diseases.Add(new DiseaseRow("M02", "糖尿病", 25_000));
            b.Diseases.Add(new DiseaseRow("M01", "高血压", 20_000));
        }), None);

        await store.WriteAsync(Rows.Batch(b =>
        {
            b.Facilities.Add(new FacilityRow("F001", "市第一人民医院", "hospital", 3, "320706"));
            b.Diseases.Add(new DiseaseRow("M01", "高血压", 30_000));
        }), None);

        Assert.Equal(
            [new FacilityRow("F001", "市第一人民医院", "hospital", 3, "320706"), new FacilityRow("F002", "社区卫生服务中心", "community", 1, "320706")],
            await store.FacilitiesAsync(None));
        Assert.Equal([new DiseaseRow("M01", "高血压", 30_000), new DiseaseRow("M02", "糖尿病", 25_000)], await store.DiseasesAsync(None));
    }

    [Fact]
    public async Task WriteAsync_EmptyBatch_WritesNothing()
    {
        await using var store = await MigratedStoreAsync();

        await store.WriteAsync(new AnalyticsBatch(), None);

        Assert.Empty(await store.FacilitiesAsync(None));
        Assert.Empty(await store.DecisionsAsync(None));
    }

    /// <summary>A new handle on this test's storage, migrated.</summary>
    protected async Task<IAnalyticsStore> MigratedStoreAsync()
    {
        var store = OpenStore();
        await store.MigrateAsync(None);
        return store;
    }

    private static EnrolmentRow Enrolment(string key, string disease) =>
        new(key, disease, "320700", "employee", new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 31));

    /// <summary>
    /// March 2026: F001 (level 2) has K1 twice and K2 once, one of K2's reversed; F002 (level 1) has K1 once, with
    /// amounts that do not split evenly; one February settlement and one reversal of a settlement never seen.
    /// </summary>
    private static AnalyticsBatch HandMadeMonth() => Rows.Batch(b =>
    {
        b.Settlements.Add(Rows.Settlement("S0001", "K1", "F001", new DateOnly(2026, 3, 1), 10_000));
        b.Settlements.Add(Rows.Settlement("S0002", "K1", "F001", new DateOnly(2026, 3, 31), 20_000));
        b.Settlements.Add(Rows.Settlement("S0003", "K2", "F001", new DateOnly(2026, 3, 15), 30_000));
        b.Settlements.Add(Rows.Settlement("S0004", "K2", "F001", new DateOnly(2026, 3, 16), 99_999));
        b.Settlements.Add(Rows.Settlement("S0005", "K1", "F002", new DateOnly(2026, 3, 20), 1_001, level: 1));
        b.Settlements.Add(Rows.Settlement("S0006", "K1", "F001", new DateOnly(2026, 2, 28), 7_000));
        b.Reversals.Add(Rows.Reversal("S0004"));
        b.Reversals.Add(Rows.Reversal("S9999"));
    });

    private static Task<IReadOnlyList<string>> SnapshotAsync(IAnalyticsStore store) =>
        StoreSnapshot.TakeAsync(store, ["2026-02", "2026-03", "2026-04"], ["2026-03"], ["R01:S0002", "R12:F001:2026-03", "R01:S0404"], ["A1", "A404"]);
}
