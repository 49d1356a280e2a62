namespace ChronicCare.Monitor.Cli.Serving.Integrity;

/// <summary>How triage judged an incident: by the latest decision on each of its alerts.</summary>
internal enum IncidentReview
{
    Unreviewed,
    Confirmed,
    Dismissed,
}

/// <summary>An over-prescribing incident (contract §5): the patient's R01/R02/R03 alerts of one service date.</summary>
internal sealed record Incident(DateOnly Date, IReadOnlyList<string> AlertIds, IncidentReview Review);
