using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Analytics.Triage;
using ChronicCare.Monitor.Cli.Serving.Keys;
using ChronicCare.Monitor.Integrity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChronicCare.Monitor.Cli.Serving.Triage;

/// <summary>
/// Every write of <c>serve</c>, for the API and the page alike. The checks run in this order, each with its own status:
/// the key's role (403), the reviewers roster that <c>triage</c> and <c>run</c> also obey (403), the subject exists
/// (404), then <see cref="TriageDesk"/> judges it as for <c>triage</c> (409 when it refuses). The decision is stamped
/// with the caller (who), the time (when) and the note (why) and recorded in the store's decisions table.
/// Decisions are rare: one at a time, so the desk's repeat check sees the previous one.
/// </summary>
internal sealed class TriageService : IDisposable
{
    private readonly TriageDesk _desk;
    private readonly DecisionSink _sink;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Telemetry.MonitorMeter? _meter;

    public TriageService(IAnalyticsStore store, ReviewerRoster roster, TimeProvider time, DecisionSink sink, ILogger log, Telemetry.MonitorMeter? meter = null)
    {
        _meter = meter;
        _desk = new TriageDesk(store, roster, time);
        _sink = sink;
        _log = log;
    }

    public async Task<DecisionResult> DecideAsync(Caller caller, DecisionRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var result = await CheckedAsync(caller, request, ct).ConfigureAwait(false);
        var verdict = ReviewJson.VerdictName(request.Verdict);
        _meter?.TriageDecision(verdict, result.Outcome is not null ? "recorded" : result.Status == StatusCodes.Status503ServiceUnavailable ? "not_sent" : "refused");
        if (result.Outcome is { } outcome)
        {
            ServeLog.DecisionRecorded(_log, verdict, outcome.Decision.Rule ?? "-", caller.User, outcome.Repeat ? " (repeat of the recorded one)" : "");
        }
        else if (result.Status == StatusCodes.Status503ServiceUnavailable)
        {
            ServeLog.DecisionNotSent(_log, verdict, caller.User);
        }
        else
        {
            ServeLog.DecisionRefused(_log, result.Status, verdict, caller.User);
        }

        return result;
    }

    public void Dispose() => _gate.Dispose();

    private async Task<DecisionResult> CheckedAsync(Caller caller, DecisionRequest request, CancellationToken ct)
    {
        var reinstate = request.Verdict == ReviewVerdict.Reinstate;
        var (needed, what) = reinstate ? (ServeRole.Supervisor, "reinstating an action")
            : request.Finding != ReviewFinding.Rule ? (ServeRole.Supervisor, "confirming fraud or resale")
            : (ServeRole.Reviewer, "confirming or dismissing an alert");
        if (!caller.May(needed))
        {
            return DecisionResult.Refused(StatusCodes.Status403Forbidden, $"{what} needs the {ServeRoles.Name(needed)} role; the key of '{caller.User}' has the {ServeRoles.Name(caller.Role)} role");
        }

        // The roster and the subject are the desk's to check (as for `triage`); its refusal says which it was.
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            TriageOutcome outcome;
            try
            {
                outcome = await _desk.DecideAsync(
                    new TriageRequest(reinstate ? null : request.SubjectId, reinstate ? request.SubjectId : null, request.Verdict, request.Finding, caller.User, request.Note),
                    ct).ConfigureAwait(false);
            }
            catch (TriageRefusedException e)
            {
                return DecisionResult.Refused(
                    e.Kind switch
                    {
                        TriageRefusal.NotAuthorised => StatusCodes.Status403Forbidden,
                        TriageRefusal.NotFound => StatusCodes.Status404NotFound,
                        _ => StatusCodes.Status409Conflict,
                    },
                    e.Message);
            }
            catch (ArgumentException e)
            {
                return DecisionResult.Refused(StatusCodes.Status400BadRequest, e.Message);
            }

            return await _sink.RecordAsync(outcome.Decision, ct).ConfigureAwait(false)
                ? DecisionResult.Done(outcome)
                : DecisionResult.Refused(StatusCodes.Status503ServiceUnavailable, "recorded in the store but not sent to the events topic (Kafka did not confirm): send the same decision again");
        }
        finally
        {
            _gate.Release();
        }
    }
}
