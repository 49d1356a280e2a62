using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Analytics.Triage;

/// <summary>The decision to record and send; <paramref name="Repeat"/> when it is an earlier identical one sent again.</summary>
public sealed record TriageOutcome(ReviewDecision Decision, bool Repeat);
