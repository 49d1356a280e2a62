namespace ChronicCare.Monitor.Telemetry;

/// <summary>
/// The label names of <see cref="MetricNames"/>' metrics. Every value is from a small fixed set (a rule, a partition
/// number, an operation name): never a patient, card, presenter or facility id, which would make one series per person.
/// </summary>
public static class MetricLabels
{
    public const string Outcome = "outcome";
    public const string Rule = "rule";
    public const string Severity = "severity";
    public const string Status = "status";
    public const string Kind = "kind";
    public const string Partition = "partition";
    public const string Store = "store";
    public const string Operation = "operation";
    public const string Version = "version";
    public const string Runtime = "runtime";
    public const string Route = "route";
    public const string Method = "method";
    public const string Code = "code";
    public const string Decision = "decision";
}
