namespace ChronicCare.Monitor.Telemetry;

/// <summary>A circuit breaker's state as <see cref="MetricNames.BreakerState"/> exports it (ordered by how bad it is, so max() over instances reads right).</summary>
public enum BreakerPosition
{
    Closed = 0,
    HalfOpen = 1,
    Open = 2,
}
