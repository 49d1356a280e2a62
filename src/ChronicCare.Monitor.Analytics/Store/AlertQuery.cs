using ChronicCare.Monitor.Alerts;

namespace ChronicCare.Monitor.Analytics.Store;

/// <summary>
/// Which alerts <see cref="IAnalyticsStore.SearchAlertsAsync"/> returns: every filter given must match (null = any).
/// <see cref="Region"/> is the region of the alert's facility in the <c>facilities</c> table, as the report groups them.
/// </summary>
public sealed record AlertQuery
{
    /// <summary>The most rows one search returns: a triage list, not an export.</summary>
    public const int MaxLimit = 1000;

    public string? Rule { get; init; }

    public Severity? Severity { get; init; }

    public AlertStatus? Status { get; init; }

    public string? Region { get; init; }

    public string? FacilityId { get; init; }

    public string? PatientId { get; init; }

    /// <summary>1..<see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>This query, or an <see cref="ArgumentException"/> naming what is out of range.</summary>
    public AlertQuery Validate() => Limit is < 1 or > MaxLimit
        ? throw new ArgumentException($"limit must be 1..{MaxLimit}, got {Limit}")
        : this;
}
