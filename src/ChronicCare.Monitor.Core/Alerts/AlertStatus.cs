namespace ChronicCare.Monitor.Alerts;

public enum AlertStatus
{
    Open,
    Withdrawn,
}
