using System.Globalization;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Rules;
using Microsoft.AspNetCore.Http;

namespace ChronicCare.Monitor.Cli.Serving.Triage;

/// <summary>
/// The list's query string (<c>rule, severity, status, region, facility, limit</c>) as an <see cref="AlertQuery"/>.
/// Strict: an unknown or repeated parameter or a value out of range is a 400 with its reason, not a silently wider list.
/// An empty value, or <c>any</c>, means no filter (what an empty select of the page sends).
/// </summary>
internal static class AlertFilter
{
    public const int DefaultLimit = 100;

    private const int MaxText = 100;

    private static readonly string[] Known = ["rule", "severity", "status", "region", "facility", "limit"];

    /// <summary>The query, or null with a one-line reason.</summary>
    public static AlertQuery? Parse(IQueryCollection query, AlertStatus? defaultStatus, out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        error = null;
        foreach (var (name, values) in query)
        {
            if (!Known.Contains(name, StringComparer.Ordinal))
            {
                error = $"unknown query parameter '{Trim(name)}' (rule, severity, status, region, facility, limit)";
                return null;
            }

            if (values.Count > 1)
            {
                error = $"{name}: give it once";
                return null;
            }
        }

        string? Value(string name) => query[name].ToString() is { Length: > 0 } v && v != "any" ? v : null;

        var rule = Value("rule");
        var severityText = Value("severity");
        var statusText = Value("status");
        var limitText = Value("limit");
        var severity = severityText switch
        {
            null => (Severity?)null,
            "high" => Severity.High,
            "medium" => Severity.Medium,
            "low" => Severity.Low,
            _ => null,
        };
        var status = statusText switch
        {
            null => query.ContainsKey("status") ? null : defaultStatus,
            "open" => AlertStatus.Open,
            "withdrawn" => AlertStatus.Withdrawn,
            _ => null,
        };
        var limit = DefaultLimit;
        error = rule is not null && !RuleCatalog.IsKnown(rule) ? $"rule: unknown rule '{Trim(rule)}' (R01..R15)"
            : severityText is not null && severity is null ? $"severity: expected high, medium or low, got '{Trim(severityText)}'"
            : statusText is not null && status is null ? $"status: expected open or withdrawn, got '{Trim(statusText)}'"
            : limitText is not null && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > AlertQuery.MaxLimit)
                ? $"limit: expected 1..{AlertQuery.MaxLimit}, got '{Trim(limitText)}'"
            : Value("region") is { Length: > MaxText } || Value("facility") is { Length: > MaxText } ? $"region and facility: at most {MaxText} characters"
            : null;
        return error is null
            ? new AlertQuery { Rule = rule, Severity = severity, Status = status, Region = Value("region"), FacilityId = Value("facility"), Limit = limit }
            : null;
    }

    private static string Trim(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
