namespace ChronicCare.Monitor.Cli.Serving;

/// <summary>The path roots of <c>serve</c>: the JSON API and the server-rendered triage page.</summary>
internal static class ServeRoutes
{
    public const string Api = "/api";

    public const string Page = "/triage";

    /// <summary>The page of one alert: the Grafana dashboard links here with <c>${alert_id}</c>.</summary>
    public static string AlertPage(string alertId) => $"{Page}/alerts/{Uri.EscapeDataString(alertId)}";
}
