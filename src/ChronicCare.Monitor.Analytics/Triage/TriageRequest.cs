using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Analytics.Triage;

/// <summary>What a reviewer asks for: a verdict on an alert, or the reinstatement of an action, with who and why.</summary>
public sealed record TriageRequest(string? AlertId, string? ActionId, ReviewVerdict Verdict, ReviewFinding Finding, string By, string? Note);
