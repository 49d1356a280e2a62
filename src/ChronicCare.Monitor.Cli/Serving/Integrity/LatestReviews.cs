using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Cli.Serving.Integrity;

/// <summary>The latest decision on each alert: the one that counts (a dismissal after a confirmation undoes it), as the ladder reads them.</summary>
internal static class LatestReviews
{
    public static Dictionary<string, ReviewDecision> ByAlert(IEnumerable<ReviewDecision> decisions)
    {
        var latest = new Dictionary<string, ReviewDecision>(StringComparer.Ordinal);
        foreach (var d in decisions.OrderBy(d => d.DecidedAt.UtcTicks).ThenBy(d => d.DecisionId, StringComparer.Ordinal))
        {
            if (d.Verdict != ReviewVerdict.Reinstate && d.AlertId is { } alert)
            {
                latest[alert] = d;
            }
        }

        return latest;
    }
}
