using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.Tests.Support;
using Xunit;
using static ChronicCare.Monitor.Tests.Support.SettlementBuilder;

namespace ChronicCare.Monitor.Tests.Integrity;

/// <summary>
/// Contract §5 triage-driven actions (seed Lianyungang 五): "second confirmed incident → SELF_PAY until 31 Dec of that
/// year"; "third confirmed incident → CANCEL and BAN for 3 years"; "fraud or resale confirmed in triage → CANCEL + BAN
/// 3 years + REFERRAL"; "a reviewer reverses an action → REINSTATE". §3: actions judge the patient's later settlements.
/// </summary>
public sealed class SanctionLadderTests
{
    // Three over-prescribing incidents (R02, > 30 days) on three service dates, and a plain later settlement.
    private static readonly Settlement[] Incidents =
    [
        S("S1").On("2026-03-01").Drug(World.Amlodipine, 31),
        S("S2").On("2026-04-15").Drug("D1", 31),
        S("S3").On("2026-06-01").Drug(World.Amlodipine, 31),
    ];

    [Fact]
    public void Ladder_OneConfirmedIncident_OnlyTheAutomaticWarning()
    {
        var d = EngineDriver.Run([.. Incidents, Confirm("R02:S1", "2026-03-05T10:00:00+08:00", "2026-03-01")]);
        Assert.Equal(["WARNING:P1:20260301"], d.InForceIds);
    }

    [Fact]
    public void Ladder_SecondConfirmedIncident_SelfPayFromConfirmationUntilYearEnd()
    {
        var d = EngineDriver.Run([.. Incidents,
            Confirm("R02:S1", "2026-03-05T10:00:00+08:00", "2026-03-01"),
            Confirm("R02:S2", "2026-04-20T10:00:00+08:00", "2026-04-15")]);
        var selfPay = Assert.Single(d.InForce, a => a.Action == ActionKind.SelfPay);
        Assert.Equal("SELF_PAY:P1:20260415", selfPay.ActionId);
        Assert.Equal("2026-04-20T10:00:00+08:00", selfPay.EffectiveFrom.ToString());
        Assert.Equal("2027-01-01T00:00:00+08:00", selfPay.EffectiveUntil?.ToString());
        Assert.False(selfPay.Automatic);
        Assert.Equal("reviewer-1", selfPay.DecidedBy);
        Assert.Equal(["R02:S2"], selfPay.AlertIds);
        Assert.Equal("R02", selfPay.ReasonRule);
    }

    [Fact]
    public void Ladder_SelfPay_JudgesLaterSettlementsWithFundPaidOnly()
    {
        var d = EngineDriver.Run([.. Incidents,
            Confirm("R02:S1", "2026-03-05T10:00:00+08:00", "2026-03-01"),
            Confirm("R02:S2", "2026-04-20T10:00:00+08:00", "2026-04-15"),
            S("AT").At("2026-04-20T10:00:00+08:00").Drug(World.Atorvastatin),          // at the instant: not later
            S("AFTER").At("2026-04-20T10:00:01+08:00").Drug(World.Atorvastatin),       // one second later, fund paid
            S("SELF").At("2026-05-02T10:00:00+08:00").Drug(World.Atorvastatin).FundPaid(0),
            S("LASTDAY").At("2026-12-31T23:59:59+08:00").Drug(World.Atorvastatin),
            S("NEXTYEAR").At("2027-01-01T00:00:00+08:00").Drug(World.Atorvastatin)]);
        Assert.False(d.IsOpen("R06", "AT"));
        Assert.True(d.IsOpen("R06", "AFTER"));
        Assert.Contains("sanction:SELF_PAY", d.OpenAlert("R06", "AFTER").EvidenceJson, StringComparison.Ordinal);
        Assert.False(d.IsOpen("R06", "SELF"));
        Assert.True(d.IsOpen("R06", "LASTDAY"));
        Assert.False(d.IsOpen("R06", "NEXTYEAR"));
    }

    [Fact]
    public void Ladder_ThirdConfirmedIncident_CancelAndBanForThreeYears()
    {
        var d = EngineDriver.Run([.. Incidents,
            Confirm("R02:S1", "2026-03-05T10:00:00+08:00", "2026-03-01"),
            Confirm("R02:S2", "2026-04-20T10:00:00+08:00", "2026-04-15"),
            Confirm("R02:S3", "2026-06-03T10:00:00+08:00", "2026-06-01"),
            S("LATER").At("2026-06-03T11:00:00+08:00").Drug(World.Atorvastatin).FundPaid(0)]);
        Assert.Equal(["BAN:P1:20260601", "CANCEL:P1:20260601", "SELF_PAY:P1:20260415", "WARNING:P1:20260301"], d.InForceIds);
        var ban = d.Actions["BAN:P1:20260601"];
        Assert.Equal("2026-06-03T10:00:00+08:00", ban.EffectiveFrom.ToString());
        Assert.Equal("2029-06-03T10:00:00+08:00", ban.EffectiveUntil?.ToString());
        Assert.Null(d.Actions["CANCEL:P1:20260601"].EffectiveUntil);
        Assert.Contains("sanction:CANCEL", d.OpenAlert("R06", "LATER").EvidenceJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Ladder_CountsInOrderOfConfirmation_NotOfIncidentDate()
    {
        // The later incident confirmed first: the earlier one, confirmed second, is the second confirmed incident.
        var d = EngineDriver.Run([.. Incidents,
            Confirm("R02:S2", "2026-04-20T10:00:00+08:00", "2026-04-15"),
            Confirm("R02:S1", "2026-05-01T10:00:00+08:00", "2026-03-01")]);
        var selfPay = Assert.Single(d.InForce, a => a.Action == ActionKind.SelfPay);
        Assert.Equal("SELF_PAY:P1:20260301", selfPay.ActionId);
        Assert.Equal("2026-05-01T10:00:00+08:00", selfPay.EffectiveFrom.ToString());
    }

    [Fact]
    public void Ladder_TwoAlertsOfOneServiceDate_OneIncident()
    {
        var d = EngineDriver.Run([.. Incidents,
            S("S1B").At("2026-03-01T15:00:00+08:00").Drug(World.Metformin, 31).Disease("T2DM"),
            Confirm("R02:S1", "2026-03-05T10:00:00+08:00", "2026-03-01"),
            Confirm("R02:S1B", "2026-03-06T10:00:00+08:00", "2026-03-01")]);
        Assert.DoesNotContain(d.InForce, a => a.Action == ActionKind.SelfPay);
    }

    [Fact]
    public void Ladder_DismissedAfterConfirmation_DoesNotCount()
    {
        var d = EngineDriver.Run([.. Incidents,
            Confirm("R02:S1", "2026-03-05T10:00:00+08:00", "2026-03-01"),
            Confirm("R02:S2", "2026-04-20T10:00:00+08:00", "2026-04-15"),
            Review(ReviewVerdict.Dismiss, "R02:S2", "2026-04-21T10:00:00+08:00", "2026-04-15")]);
        Assert.DoesNotContain(d.Actions.Values, a => a.Action == ActionKind.SelfPay);
    }

    [Fact]
    public void Ladder_ConfirmedFraud_CancelBanAndReferralAtOnce()
    {
        var d = EngineDriver.Run(S("S1").On("2026-03-01").Drug(World.Amlodipine),
            Review(ReviewVerdict.Confirm, "R05:S1", "2026-03-05T10:00:00+08:00", "2026-03-01", "R05", ReviewFinding.Resale));
        Assert.Equal(["BAN:P1:R05:S1", "CANCEL:P1:R05:S1", "REFERRAL:P1:R05:S1"], d.InForceIds);
        Assert.All(d.InForce, a => Assert.Equal("R05", a.ReasonRule));
        Assert.Equal("2029-03-05T10:00:00+08:00", d.Actions["BAN:P1:R05:S1"].EffectiveUntil?.ToString());
    }

    [Fact]
    public void Ladder_ConfirmationStandsWhenTheAlertIsWithdrawn()
    {
        // A human judged it: withdrawing the alert (its settlement reversed) does not undo a reviewer's sanction.
        var d = EngineDriver.Run([.. Incidents,
            Confirm("R02:S1", "2026-03-05T10:00:00+08:00", "2026-03-01"),
            Confirm("R02:S2", "2026-04-20T10:00:00+08:00", "2026-04-15"),
            new Reversal { SettlementId = "S2", ReversedAt = Ts("2026-04-16T10:00:00+08:00") }]);
        Assert.DoesNotContain("R02:S2", d.OpenIds);
        Assert.Contains("SELF_PAY:P1:20260415", d.InForceIds);
    }

    [Fact]
    public void Reinstate_ByReviewer_EndsTheActionForLaterSettlementsOnly()
    {
        var d = EngineDriver.Run([.. Incidents,
            Confirm("R02:S1", "2026-03-05T10:00:00+08:00", "2026-03-01"),
            Confirm("R02:S2", "2026-04-20T10:00:00+08:00", "2026-04-15"),
            Reinstate("SELF_PAY:P1:20260415", "2026-05-10T10:00:00+08:00"),
            S("BEFORE").At("2026-05-09T10:00:00+08:00").Drug(World.Atorvastatin),
            S("AFTER").At("2026-05-11T10:00:00+08:00").Drug(World.Atorvastatin)]);
        var reinstate = d.Actions["REINSTATE:SELF_PAY:P1:20260415"];
        Assert.Equal(ActionKind.Reinstate, reinstate.Action);
        Assert.Equal("SELF_PAY:P1:20260415", reinstate.Revokes);
        Assert.False(reinstate.Automatic);
        Assert.Equal("supervisor-1", reinstate.DecidedBy);
        Assert.DoesNotContain("SELF_PAY:P1:20260415", d.InForceIds);
        Assert.True(d.IsOpen("R06", "BEFORE"));
        Assert.False(d.IsOpen("R06", "AFTER"));
    }

    [Fact]
    public void Reinstate_AutomaticSuspend_StaysEndedAndIsNotReissued()
    {
        var foreignCard = S("S1").At("2026-03-01T09:00:00+08:00").Card("C-OTHER");
        var d = EngineDriver.Run(foreignCard, Reinstate("SUSPEND:P1:S1", "2026-03-02T09:00:00+08:00"),
            S("S2").At("2026-03-03T09:00:00+08:00").Drug(World.Atorvastatin));
        Assert.DoesNotContain(d.InForce, a => a.Action == ActionKind.Suspend);
        Assert.DoesNotContain(d.Actions.Keys, id => id.StartsWith("SUSPEND:P1:S1#", StringComparison.Ordinal));
        Assert.False(d.IsOpen("R06", "S2"));
    }

    [Fact]
    public void Reinstate_ReissuedAutomaticAction_EndsTheReissueForLaterSettlements()
    {
        // SUSPEND moves to the earlier foreign-card settlement SA and back to SB when SA is reversed: re-issued as
        // SUSPEND:P1:SB#2. The supervisor reinstates that id; later settlements are no longer judged against it.
        var d = new EngineDriver();
        d.ApplyEach(
            S("SB").At("2026-03-01T10:00:00+08:00").Card("C-OTHER"),
            S("SA").At("2026-03-01T09:00:00+08:00").Card("C-OTHER"),
            new Reversal { SettlementId = "SA", ReversedAt = Ts("2026-03-01T11:00:00+08:00") });
        Assert.Contains("SUSPEND:P1:SB#2", d.InForceIds);

        d.ApplyEach(Reinstate("SUSPEND:P1:SB#2", "2026-03-02T09:00:00+08:00"), S("SC").At("2026-03-03T09:00:00+08:00").Drug(World.Atorvastatin));

        Assert.DoesNotContain(d.InForce, a => a.Action == ActionKind.Suspend);
        Assert.False(d.IsOpen("R06", "SC"));
        Assert.DoesNotContain(d.Actions.Keys, id => id.StartsWith("SUSPEND:P1:SB#3", StringComparison.Ordinal));

        // The same events in one flush never issue #2: the reinstatement (naming #2) still ends the SUSPEND, so the
        // actions in force and the alerts are the same (contract §5 order independence).
        var batch = EngineDriver.Run(
            S("SB").At("2026-03-01T10:00:00+08:00").Card("C-OTHER"),
            S("SA").At("2026-03-01T09:00:00+08:00").Card("C-OTHER"),
            new Reversal { SettlementId = "SA", ReversedAt = Ts("2026-03-01T11:00:00+08:00") },
            Reinstate("SUSPEND:P1:SB#2", "2026-03-02T09:00:00+08:00"),
            S("SC").At("2026-03-03T09:00:00+08:00").Drug(World.Atorvastatin));
        Assert.Equal(d.InForceIds, batch.InForceIds);
        Assert.Equal(d.OpenIds, batch.OpenIds);
        Assert.Equal("SUSPEND:P1:SB", batch.Actions["REINSTATE:SUSPEND:P1:SB"].Revokes);
    }

    [Theory]
    [InlineData("WARNING:P1:20260301#2", "WARNING:P1:20260301")]
    [InlineData("SUSPEND:P1:INV#7#3", "SUSPEND:P1:INV#7")]
    [InlineData("SUSPEND:P1:S1#", "SUSPEND:P1:S1#")]
    [InlineData("CANCEL:P1:R05:S1", "CANCEL:P1:R05:S1")]
    public void BaseId_GenerationSuffix_StrippedOnlyWhenDigits(string id, string expected) => Assert.Equal(expected, IntegrityAction.BaseId(id));

    [Fact]
    public void Reinstate_ActionWhoseSubjectIdEndsInHashAndDigits_EndsThatAction()
    {
        // A settlement id like INV#7 makes SUSPEND:P1:INV#7, which looks like a re-issue of SUSPEND:P1:INV but is not.
        var d = EngineDriver.Run(S("INV#7").At("2026-03-01T09:00:00+08:00").Card("C-OTHER"),
            Reinstate("SUSPEND:P1:INV#7", "2026-03-02T09:00:00+08:00"),
            S("SC").At("2026-03-03T09:00:00+08:00").Drug(World.Atorvastatin));

        Assert.Equal("SUSPEND:P1:INV#7", d.Actions["REINSTATE:SUSPEND:P1:INV#7"].Revokes);
        Assert.DoesNotContain(d.InForce, a => a.Action == ActionKind.Suspend);
        Assert.False(d.IsOpen("R06", "SC"));
    }

    [Fact]
    public void Ladder_DismissalAfterTheSanctionIsPruned_StillRevokesItInAnyOrder()
    {
        // With 10 days of allowed lateness a settlement a year later prunes the SELF_PAY's era; a dismissal arriving
        // before or after that settlement must leave the same actions in force (contract §5 order independence).
        var policy = DetectionPolicy.Default with { AllowedLatenessDays = 10 };
        InputEvent[] start = [.. Incidents,
            Confirm("R02:S1", "2026-03-05T10:00:00+08:00", "2026-03-01"),
            Confirm("R02:S2", "2026-04-20T10:00:00+08:00", "2026-04-15")];
        var dismiss = Review(ReviewVerdict.Dismiss, "R02:S2", "2026-04-21T10:00:00+08:00", "2026-04-15");
        var later = S("LATER").At("2027-05-20T09:00:00+08:00").Drug(World.Atorvastatin).Build();

        var dismissFirst = new EngineDriver(policy: policy);
        dismissFirst.ApplyEach([.. start, dismiss, later]);
        var settlementFirst = new EngineDriver(policy: policy);
        settlementFirst.ApplyEach([.. start, later, dismiss]);

        Assert.DoesNotContain("SELF_PAY:P1:20260415", dismissFirst.InForceIds);
        Assert.Equal(dismissFirst.InForceIds, settlementFirst.InForceIds);
    }

    [Fact]
    public void Ladder_AnyArrivalOrder_SameFinalActions()
    {
        InputEvent[] all = [.. Incidents,
            Confirm("R02:S1", "2026-03-05T10:00:00+08:00", "2026-03-01"),
            Confirm("R02:S2", "2026-04-20T10:00:00+08:00", "2026-04-15"),
            Confirm("R02:S3", "2026-06-03T10:00:00+08:00", "2026-06-01"),
            Review(ReviewVerdict.Dismiss, "R02:S3", "2026-06-04T10:00:00+08:00", "2026-06-01"),
            Reinstate("WARNING:P1:20260301", "2026-07-01T10:00:00+08:00"),
            S("LATER").At("2026-07-02T10:00:00+08:00").Drug(World.Atorvastatin)];
        var expected = Final(EngineDriver.Run(all));
        var rng = new Random(5);
        for (var i = 0; i < 20; i++)
        {
            var shuffled = all.OrderBy(_ => rng.Next()).ToArray();
            Assert.Equal(expected, Final(new EngineDriver().ApplyEach(shuffled)));
        }
    }

    private static string Final(EngineDriver d) =>
        string.Join("\n", d.InForce.Select(a => $"{a.ActionId} {a.EffectiveFrom} {a.EffectiveUntil} {a.DecidedBy}"))
        + "\n" + string.Join(",", d.OpenIds);

    internal static ReviewDecision Confirm(string alertId, string at, string incidentDate) =>
        Review(ReviewVerdict.Confirm, alertId, at, incidentDate);

    internal static ReviewDecision Review(ReviewVerdict verdict, string alertId, string at, string incidentDate, string? rule = null, ReviewFinding finding = ReviewFinding.Rule) => new()
    {
        PatientId = "P1",
        Verdict = verdict,
        AlertId = alertId,
        Rule = rule ?? alertId[..3],
        IncidentDate = DateOnly.Parse(incidentDate, System.Globalization.CultureInfo.InvariantCulture),
        Finding = finding,
        DecidedBy = "reviewer-1",
        DecidedAt = Ts(at),
        Note = "核实：病历记录与处方不符",
    };

    private static ReviewDecision Reinstate(string actionId, string at) => new()
    {
        PatientId = "P1",
        Verdict = ReviewVerdict.Reinstate,
        ActionId = actionId,
        DecidedBy = "supervisor-1",
        DecidedAt = Ts(at),
        Note = "复核后恢复待遇",
    };

    private static Timestamp Ts(string s) => IsoTimestamp.TryParse(s, out var t) ? t : throw new ArgumentException(s);
}
