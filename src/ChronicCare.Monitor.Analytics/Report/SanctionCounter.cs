using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>Counts the month's integrity actions by kind, automatic or decided by a reviewer.</summary>
internal static class SanctionCounter
{
    public static SanctionSummary Count(IEnumerable<IntegrityAction> actions, SubjectRegions regions)
    {
        var kinds = Enum.GetValues<ActionKind>().ToDictionary(k => k, k => new SanctionCount(k, 0, 0));
        foreach (var a in actions.Where(a => regions.Matches(a.PatientId, null)))
        {
            var c = kinds[a.Action];
            kinds[a.Action] = a.Automatic ? c with { Automatic = c.Automatic + 1 } : c with { ByReviewer = c.ByReviewer + 1 };
        }

        return new SanctionSummary(kinds.OrderBy(kv => kv.Key).Select(kv => kv.Value).ToList());
    }
}
