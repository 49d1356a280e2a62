using ChronicCare.Monitor.Analytics.Triage;
using Microsoft.AspNetCore.Http;

namespace ChronicCare.Monitor.Cli.Serving.Triage;

/// <summary>
/// The answer to a decision request: the recorded outcome, or the HTTP status and one-line reason of a refusal
/// (400 bad input, 403 role, 404 unknown subject, 409 refused by the triage desk, 503 recorded but not sent).
/// </summary>
internal sealed record DecisionResult(TriageOutcome? Outcome, int Status, string? Reason)
{
    public static DecisionResult Done(TriageOutcome outcome) => new(outcome, StatusCodes.Status200OK, null);

    public static DecisionResult Refused(int status, string reason) => new(null, status, reason.Split('\n')[0].TrimEnd());
}
