namespace ChronicCare.Monitor.Alerts;

public enum Severity
{
    High,
    Medium,
    Low,
}
