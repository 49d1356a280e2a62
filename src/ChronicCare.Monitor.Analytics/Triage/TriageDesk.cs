using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Parsing;

namespace ChronicCare.Monitor.Analytics.Triage;

/// <summary>
/// Turns a reviewer's request into an audited <see cref="ReviewDecision"/> (contract §5 "after triage"): checks the
/// user's role, that the alert or action exists in the store and can take the decision, and stamps the decision with
/// the alert's patient, rule and incident date so the engine's ladder needs nothing else. The caller records it in
/// the store (the audit trail) and hands it to the engine (<c>detect --store</c> reads it back; <c>run</c> gets it on
/// the events topic).
/// </summary>
public sealed class TriageDesk
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);
    private readonly IAnalyticsStore _store;
    private readonly ReviewerRoster _roster;
    private readonly TimeProvider _time;

    public TriageDesk(IAnalyticsStore store, ReviewerRoster roster, TimeProvider time)
    {
        _store = store;
        _roster = roster;
        _time = time;
    }

    /// <summary>
    /// The decision to record and send. When the subject's latest decision in the store is this same one (same
    /// verdict, finding, user and note), that earlier decision is returned with <see cref="TriageOutcome.Repeat"/>
    /// set: running a triage again after it failed half-way (recorded, not sent) re-sends the same record instead of
    /// making a second one with a later time, so <c>detect</c> and <c>run</c> see the same decisions.
    /// </summary>
    public async Task<TriageOutcome> DecideAsync(TriageRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reinstate = request.Verdict == ReviewVerdict.Reinstate;
        ReviewDecision? latest = null;
        if ((reinstate ? request.ActionId : request.AlertId) is { } subject && !string.IsNullOrWhiteSpace(request.By))
        {
            // Checked before the subject is judged again: the alert may have been withdrawn since the first attempt,
            // and the recorded decision must still reach the engine.
            Require(request);
            latest = (await _store.DecisionsAsync(ct).ConfigureAwait(false))
                .LastOrDefault(d => (reinstate ? d.ActionId : d.AlertId) == subject && (d.Verdict == ReviewVerdict.Reinstate) == reinstate);
            if (latest is not null && latest.Verdict == request.Verdict && latest.Finding == request.Finding && latest.DecidedBy == request.By
                && latest.Note == request.Note)
            {
                return new TriageOutcome(latest, Repeat: true);
            }
        }

        return new TriageOutcome(await NewDecisionAsync(request, latest, ct).ConfigureAwait(false), Repeat: false);
    }

    /// <param name="request">The decision asked for.</param>
    /// <param name="standing">The subject's latest decision in the store (read once, by <see cref="DecideAsync"/>).</param>
    /// <param name="ct">Cancels the store calls.</param>
    private async Task<ReviewDecision> NewDecisionAsync(TriageRequest request, ReviewDecision? standing, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.By))
        {
            throw new ArgumentException("--by: the reviewer's user id is required");
        }

        var at = new Timestamp(_time.GetUtcNow().ToOffset(ChinaStandardTime));
        if (request.Verdict == ReviewVerdict.Reinstate)
        {
            return await ReinstateAsync(request, at, ct).ConfigureAwait(false);
        }

        if (request.Finding != ReviewFinding.Rule && request.Verdict != ReviewVerdict.Confirm)
        {
            throw new ArgumentException("--finding fraud|resale goes with --decision confirm");
        }

        Require(request);

        var alertId = request.AlertId ?? throw new ArgumentException("--alert: the alert to decide on is required");
        var alert = await _store.FindAlertAsync(alertId, ct).ConfigureAwait(false)
            ?? throw new TriageRefusedException($"alert {alertId} is not in the analytics store", TriageRefusal.NotFound);
        if (request.Verdict == ReviewVerdict.Confirm && alert.Status != AlertStatus.Open)
        {
            throw new TriageRefusedException($"alert {alertId} is withdrawn: there is nothing to confirm");
        }

        if (request.Finding != ReviewFinding.Rule && alert.PatientId is null)
        {
            throw new TriageRefusedException($"alert {alertId} ({alert.Rule}) has no patient to sanction");
        }

        // A supervisor's fraud or resale finding (CANCEL, BAN, REFERRAL) is undone only by a supervisor: the latest
        // decision on an alert wins, so a reviewer's dismissal would otherwise revoke those sanctions.
        if (standing is { Verdict: ReviewVerdict.Confirm, Finding: not ReviewFinding.Rule } && _roster.Refusal(request.By, ReviewVerdict.Confirm, standing.Finding) is not null)
        {
            throw new TriageRefusedException(
                $"alert {alertId} stands confirmed as {ReviewJson.FindingName(standing.Finding)} by {standing.DecidedBy}: only a supervisor may decide on it again");
        }

        return new ReviewDecision
        {
            PatientId = alert.PatientId ?? "",
            Verdict = request.Verdict,
            AlertId = alertId,
            Rule = alert.Rule,
            IncidentDate = IncidentDate(alert),
            Finding = request.Finding,
            DecidedBy = request.By,
            DecidedAt = at,
            Note = request.Note,
        };
    }

    private async Task<ReviewDecision> ReinstateAsync(TriageRequest request, Timestamp at, CancellationToken ct)
    {
        Require(request);
        var actionId = request.ActionId ?? throw new ArgumentException("--action: the action to reinstate is required");
        if (string.IsNullOrWhiteSpace(request.Note))
        {
            throw new ArgumentException("--note: a reinstatement must say why");
        }

        var action = await _store.FindActionAsync(actionId, ct).ConfigureAwait(false)
            ?? throw new TriageRefusedException($"action {actionId} is not in the analytics store", TriageRefusal.NotFound);
        if (action.Action == ActionKind.Reinstate)
        {
            throw new TriageRefusedException($"action {actionId} is itself a REINSTATE");
        }

        return new ReviewDecision
        {
            PatientId = action.PatientId,
            Verdict = ReviewVerdict.Reinstate,
            ActionId = actionId,
            Rule = action.ReasonRule,
            DecidedBy = request.By,
            DecidedAt = at,
            Note = request.Note,
        };
    }

    private void Require(TriageRequest request)
    {
        if (_roster.Refusal(request.By, request.Verdict, request.Finding) is { } refusal)
        {
            throw new TriageRefusedException(refusal, TriageRefusal.NotAuthorised);
        }
    }

    /// <summary>The subject's service date: the event time's calendar date in its own offset (contract preamble).</summary>
    private static DateOnly? IncidentDate(Alert alert) => IsoTimestamp.TryParse(alert.EventTime, out var t) ? t.ServiceDate : null;
}
