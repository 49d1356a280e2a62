using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Cli.Serving.Triage;

/// <summary>
/// What the API or the page asks for, already parsed: a verdict on an alert or the reinstatement of an action, with
/// why. Who is the authenticated caller, never a field the client sends.
/// </summary>
internal sealed record DecisionRequest(string SubjectId, ReviewVerdict Verdict, ReviewFinding Finding, string Note)
{
    /// <summary>Longer notes are refused: an audit note, not a document.</summary>
    public const int MaxNote = 2000;

    /// <summary>Parses the wire names (<c>confirm|dismiss</c>, <c>rule|fraud|resale</c>) and checks the note; null with a one-line reason when bad.</summary>
    public static DecisionRequest? ForAlert(string alertId, string? decision, string? finding, string? note, out string? error)
    {
        var verdict = decision switch
        {
            "confirm" => ReviewVerdict.Confirm,
            "dismiss" => ReviewVerdict.Dismiss,
            _ => (ReviewVerdict?)null,
        };
        var found = finding switch
        {
            null or "" or "rule" => ReviewFinding.Rule,
            "fraud" => ReviewFinding.Fraud,
            "resale" => ReviewFinding.Resale,
            _ => (ReviewFinding?)null,
        };
        error = verdict is null ? $"decision: expected confirm or dismiss, got '{Short(decision)}'"
            : found is null ? $"finding: expected rule, fraud or resale, got '{Short(finding)}'"
            : found != ReviewFinding.Rule && verdict != ReviewVerdict.Confirm ? "finding: fraud or resale goes with decision confirm"
            : NoteError(note);
        return error is null ? new DecisionRequest(alertId, verdict!.Value, found!.Value, note!.Trim()) : null;
    }

    public static DecisionRequest? ForAction(string actionId, string? note, out string? error)
    {
        error = NoteError(note);
        return error is null ? new DecisionRequest(actionId, ReviewVerdict.Reinstate, ReviewFinding.Rule, note!.Trim()) : null;
    }

    /// <summary>Every write says why (audited): a note is required.</summary>
    private static string? NoteError(string? note) =>
        string.IsNullOrWhiteSpace(note) ? "note: say why (audited with who and when)"
        : note.Length > MaxNote ? $"note: at most {MaxNote} characters"
        : null;

    private static string Short(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";
}
