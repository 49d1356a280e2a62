using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.State;

namespace ChronicCare.Monitor.Rules;

/// <summary>
/// R14 CARD_COLLECTION 集中持卡购药: a non-proxy settlement whose presenter, over non-proxy settlements in
/// (settled_at − 30 days, settled_at], presented for 3 or more different patients. State keyed by presenter.
/// Seeds: Chongqing 二(二) (收集参保人社保卡); 两库 (频繁购药).
/// </summary>
internal static class CardCollectionRule
{
    public static AlertDraft? Evaluate(SettlementFacts f, CardCollectionPolicy policy, UseIndex presenters)
    {
        var s = f.Settlement;
        if (s.Identity.Method == IdentityMethod.Proxy)
        {
            return null;
        }

        var to = s.SettledAt.UtcTicks;
        var from = to - TimeSpan.FromDays(policy.WindowDays).Ticks;
        var uses = presenters.Uses(s.Identity.PresenterId);
        if (!ReachesMinimum(uses, from, to, policy.MinPatients))
        {
            return null;
        }

        var inWindow = uses.Where(u => u.UtcTicks > from && u.UtcTicks <= to).ToList();
        var patients = inWindow.Select(u => u.PatientId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        using var e = new EvidenceBuilder();
        e.Str("presenter_id", s.Identity.PresenterId).Num("window_days", policy.WindowDays).Num("distinct_patients", patients.Count)
            .Num("min_patients", policy.MinPatients).Strings("patient_ids", patients)
            .Strings("settlement_ids", inWindow.Select(u => u.SettlementId).Order(StringComparer.Ordinal));
        return new AlertDraft("R14", s, e.Build(f.Notes),
            $"同一持卡人{policy.WindowDays}天内为{patients.Count}名不同参保人结算购药。",
            $"The same presenter settled for {patients.Count} different patients within {policy.WindowDays} days.");
    }

    /// <summary>Cheap pre-check on the hot path: are there at least <paramref name="min"/> distinct patients in (from, to]?</summary>
    private static bool ReachesMinimum(IReadOnlyList<State.KeyedUse> uses, long from, long to, int min)
    {
        if (uses.Count < min)
        {
            return false;
        }

        string? first = null, second = null;
        HashSet<string>? more = null;
        foreach (var u in uses)
        {
            if (u.UtcTicks <= from || u.UtcTicks > to)
            {
                continue;
            }

            var id = u.PatientId;
            if (first is null || first == id)
            {
                first = id;
            }
            else if (second is null || second == id)
            {
                second = id;
            }
            else
            {
                more ??= new HashSet<string>(StringComparer.Ordinal) { first, second };
                more.Add(id);
                if (more.Count >= min)
                {
                    return true;
                }
            }
        }

        return (more?.Count ?? (second is null ? (first is null ? 0 : 1) : 2)) >= min;
    }
}
