namespace ChronicCare.Monitor.Analytics.Triage;

/// <summary>Why a triage request is refused, for callers that answer differently (the API's 403, 404 and 409).</summary>
public enum TriageRefusal
{
    /// <summary>The subject cannot take that decision (withdrawn, nothing to sanction, a REINSTATE reinstated, a standing finding).</summary>
    Conflict,

    /// <summary>The user is not on the roster with the role the decision needs.</summary>
    NotAuthorised,

    /// <summary>The alert or action is not in the analytics store.</summary>
    NotFound,
}
