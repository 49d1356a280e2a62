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
        var inWindow = presenters.Uses(s.Identity.PresenterId).Where(u => u.UtcTicks > from && u.UtcTicks <= to).ToList();
        var patients = inWindow.Select(u => u.PatientId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (patients.Count < policy.MinPatients)
        {
            return null;
        }

        using var e = new EvidenceBuilder();
        e.Str("presenter_id", s.Identity.PresenterId).Num("window_days", policy.WindowDays).Num("distinct_patients", patients.Count)
            .Num("min_patients", policy.MinPatients).Strings("patient_ids", patients)
            .Strings("settlement_ids", inWindow.Select(u => u.SettlementId).Order(StringComparer.Ordinal));
        return new AlertDraft("R14", s, e.Build(f.Notes),
            $"同一持卡人{policy.WindowDays}天内为{patients.Count}名不同参保人结算购药。",
            $"The same presenter settled for {patients.Count} different patients within {policy.WindowDays} days.");
    }
}
