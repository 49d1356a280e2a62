using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Policy;

namespace ChronicCare.Monitor.Cli.Serving.Integrity;

/// <summary>
/// Reads a patient's integrity record from the store. The store's actions are what <c>detect --store</c> or
/// <c>run</c> last applied; a decision recorded since then (by this server or <c>triage</c>) takes effect when they
/// next process the patient. So the record also shows what the decisions already imply: the sanction ladder
/// (<see cref="SanctionLadder"/>, the engine's own function of the patient's decisions) run over the recorded
/// decisions, diffed against the stored actions: sanctions not yet applied are <see cref="IntegrityRecord.Pending"/>,
/// reinstatements not yet applied mark their action, and triage-driven sanctions the ladder no longer implies are
/// marked as about to be revoked.
/// </summary>
internal sealed class IntegrityReader(IAnalyticsStore store, IntegrityPolicyOptions policy, TimeProvider time)
{
    public async Task<IntegrityRecord> ReadAsync(string patientId, IReadOnlyList<ReviewDecision> allDecisions, CancellationToken ct)
    {
        var stored = await store.PatientActionsAsync(patientId, ct).ConfigureAwait(false);
        var alerts = await store.SearchAlertsAsync(new AlertQuery { PatientId = patientId, Limit = AlertQuery.MaxLimit }, ct).ConfigureAwait(false);
        var decisions = allDecisions.Where(d => d.PatientId == patientId).ToList();
        var now = time.GetUtcNow().UtcTicks;

        // As the engine composes them: the automatic actions it carries (here: as stored) and the ladder's, retargeted.
        var implied = SanctionLadder.Targeted(
            [.. stored.Where(a => a.Automatic && a.Action != ActionKind.Reinstate), .. SanctionLadder.Actions(patientId, decisions, policy)])
            .Where(a => !a.Automatic).ToList();
        var storedRevoked = stored.Where(a => a.Action == ActionKind.Reinstate && a.Revokes is not null).Select(a => a.Revokes!).ToHashSet(StringComparer.Ordinal);
        var impliedRevoked = implied.Where(a => a.Action == ActionKind.Reinstate).Select(a => a.Revokes!).ToHashSet(StringComparer.Ordinal);
        var impliedIds = implied.Where(a => a.Action != ActionKind.Reinstate).Select(a => a.ActionId).ToHashSet(StringComparer.Ordinal);

        var pending = implied.Where(a => a.Action == ActionKind.Reinstate
                ? !stored.Any(s => s.Action == ActionKind.Reinstate && s.Revokes is { } r && (r == a.Revokes || IntegrityAction.BaseId(r) == a.Revokes))
                : !impliedRevoked.Contains(a.ActionId)
                    && !stored.Any(s => s.Action != ActionKind.Reinstate && IntegrityAction.BaseId(s.ActionId) == a.ActionId && !storedRevoked.Contains(s.ActionId)))
            .ToList();

        var recorded = stored.Select(a =>
        {
            if (a.Action == ActionKind.Reinstate)
            {
                return new RecordedAction(a, ActionState.Revocation, false, false);
            }

            var state = storedRevoked.Contains(a.ActionId) ? ActionState.Revoked
                : a.EffectiveUntil is { } until && until.UtcTicks <= now ? ActionState.Ended
                : ActionState.InForce;
            var reinstating = pending.Any(p => p.Action == ActionKind.Reinstate && (p.Revokes == a.ActionId || p.Revokes == IntegrityAction.BaseId(a.ActionId)));
            var lapsing = !a.Automatic && state == ActionState.InForce && !impliedIds.Contains(IntegrityAction.BaseId(a.ActionId));
            return new RecordedAction(a, state, reinstating, lapsing);
        }).ToList();

        var latest = LatestReviews.ByAlert(decisions);
        return new IntegrityRecord(
            patientId,
            ConfirmedIncidents(latest.Values),
            Ladder(recorded, pending),
            recorded,
            pending,
            Incidents(alerts, latest),
            decisions,
            alerts);
    }

    /// <summary>Confirmed over-prescribing incidents, counted as the ladder counts them: distinct service dates of confirmed R01..R03 alerts.</summary>
    private static int ConfirmedIncidents(IEnumerable<ReviewDecision> latest) => latest
        .Where(IsConfirmedIncident)
        .Select(d => d.IncidentDate!.Value)
        .Distinct()
        .Count();

    private static bool IsConfirmedIncident(ReviewDecision d) =>
        d is { Verdict: ReviewVerdict.Confirm, Finding: ReviewFinding.Rule, IncidentDate: not null, Rule: { } rule } && AutomaticActions.IsOverPrescribing(rule);

    /// <summary>
    /// The open R01..R03 alerts by service date, and the dates of confirmed ones whose alert has since been withdrawn
    /// (a confirmation stands: analytics design, reading 4).
    /// </summary>
    private static List<Incident> Incidents(IReadOnlyList<Alert> alerts, Dictionary<string, ReviewDecision> latest)
    {
        var byDate = new SortedDictionary<DateOnly, SortedSet<string>>();
        void Add(DateOnly date, string alertId)
        {
            if (!byDate.TryGetValue(date, out var ids))
            {
                byDate[date] = ids = new SortedSet<string>(StringComparer.Ordinal);
            }

            ids.Add(alertId);
        }

        foreach (var a in alerts)
        {
            if (a.Status == AlertStatus.Open && AutomaticActions.IsOverPrescribing(a.Rule) && IsoTimestamp.TryParse(a.EventTime, out var t))
            {
                Add(t.ServiceDate, a.AlertId);
            }
        }

        foreach (var d in latest.Values.Where(IsConfirmedIncident))
        {
            Add(d.IncidentDate!.Value, d.AlertId!);
        }

        return byDate.Select(kv =>
        {
            var reviews = kv.Value.Select(id => latest.GetValueOrDefault(id)).ToList();
            var review = reviews.Any(r => r is not null && IsConfirmedIncident(r)) ? IncidentReview.Confirmed
                : reviews.All(r => r?.Verdict == ReviewVerdict.Dismiss) ? IncidentReview.Dismissed
                : IncidentReview.Unreviewed;
            return new Incident(kv.Key, [.. kv.Value], review);
        }).ToList();
    }

    private List<LadderStep> Ladder(List<RecordedAction> recorded, List<IntegrityAction> pending)
    {
        // CANCEL follows the 3rd incident or a fraud/resale finding; the latter comes with a REFERRAL of the same subject.
        var referred = recorded.Select(r => r.Action).Concat(pending).Where(a => a.Action == ActionKind.Referral)
            .Select(a => Subject(a.ActionId)).ToHashSet(StringComparer.Ordinal);
        bool OfRung(IntegrityAction a, LadderRung rung) => rung switch
        {
            LadderRung.Warning => a.Action == ActionKind.Warning,
            LadderRung.SelfPay => a.Action == ActionKind.SelfPay,
            // The rung is CANCEL and BAN: it stands while either does (a reinstated CANCEL leaves the BAN in force).
            LadderRung.CancelBan => a.Action is ActionKind.Cancel or ActionKind.Ban && !referred.Contains(Subject(a.ActionId)),
            _ => a.Action == ActionKind.Referral,
        };

        LadderStep Step(LadderRung rung, int? at)
        {
            var mine = recorded.Where(r => r.State != ActionState.Revocation && OfRung(r.Action, rung)).ToList();
            var state = mine.Any(r => r is { State: ActionState.InForce, NoLongerImplied: false, ReinstatementPending: false }) ? StepState.InForce
                : pending.Any(a => OfRung(a, rung)) ? StepState.Pending
                : mine.Count > 0 ? StepState.Ended
                : StepState.NotReached;
            return new LadderStep(rung, at, state);
        }

        return
        [
            Step(LadderRung.Warning, 1),
            Step(LadderRung.SelfPay, policy.SelfPayAtIncident),
            Step(LadderRung.CancelBan, policy.CancelAtIncident),
            Step(LadderRung.FraudOrResale, null),
        ];
    }

    /// <summary>What an action id names after its kind (<c>CANCEL:P1:R02:S1</c> → <c>P1:R02:S1</c>), without a re-issue generation.</summary>
    private static string Subject(string actionId)
    {
        var id = IntegrityAction.BaseId(actionId);
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? id : id[(colon + 1)..];
    }
}
