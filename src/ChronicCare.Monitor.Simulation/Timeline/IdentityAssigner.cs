using System.Runtime.CompilerServices;
using ChronicCare.Monitor.Simulation.Patients;

namespace ChronicCare.Monitor.Simulation.Timeline;

/// <summary>
/// Who is at the counter and how they are identified. Ordinary settlements always pass R05 (own card, verified,
/// face score &gt;= 0.85, proxies name the proxy) and never feed R14: a person presents only for themselves and
/// at most one spouse, and family purchases (代购) use method proxy, which R14 does not count.
/// </summary>
internal static class IdentityAssigner
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Assign(PatientProfile p, SettlementDraft s, Rng rng)
    {
        s.Verified = true;
        s.FaceScore = -1;
        s.ProxyId = null;
        s.CardId = p.Cards[0];
        if (p.ProxyRate > 0 && rng.Chance(p.ProxyRate))
        {
            s.Method = IdentityMethod.Proxy;
            s.PresenterId = p.SpousePersonId is not null && rng.Chance(0.5) ? p.SpousePersonId : p.RelativeId;
            s.ProxyId = s.PresenterId;
            return;
        }

        if (p.SpousePersonId is not null && rng.Chance(0.08))
        {
            // The spouse brings the card along: counted by R14, but one presenter for two patients stays below 3.
            s.Method = IdentityMethod.Card;
            s.PresenterId = p.SpousePersonId;
            return;
        }

        var method = rng.Chance(0.85) ? p.PreferredMethod : rng.Next(3);
        if (method == 1 && p.Cards.Length < 2)
        {
            method = 0;
        }

        s.PresenterId = p.PersonId;
        switch (method)
        {
            case 1:
                s.Method = IdentityMethod.EVoucher;
                s.CardId = p.Cards[1];
                break;
            case 2:
                s.Method = IdentityMethod.Face;
                s.FaceScore = rng.Between(86, 99);
                break;
            default:
                s.Method = IdentityMethod.Card;
                break;
        }
    }
}
