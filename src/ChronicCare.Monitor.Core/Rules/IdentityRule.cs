using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.Reference;
using ChronicCare.Monitor.State;

namespace ChronicCare.Monitor.Rules;

/// <summary>
/// R05 IDENTITY_MISMATCH 人证卡不一致: holder check failed, face score under 0.80 (missing = failed), a proxy
/// with no proxy_id, a card not the patient's, or the same card in two cities within 60 minutes.
/// Seeds: Chongqing 一(二) (人脸识别), 二(一), 二(二) (冒名顶替、借卡).
/// </summary>
internal static class IdentityRule
{
    public static AlertDraft? Evaluate(SettlementFacts f, IdentityPolicy policy, UseIndex cards, ReferenceData reference)
    {
        var s = f.Settlement;
        var id = s.Identity;
        List<string>? reasons = null;
        var suspend = false;
        if (id.Method == IdentityMethod.Face && (id.FaceScore is null || id.FaceScore < policy.MinFaceScore || !id.Verified))
        {
            // A failed face check is a contract §5 SUSPEND trigger; an unverified face check is one too.
            (reasons ??= []).Add(id.FaceScore is null ? "face_check_failed:no_score" : $"face_check_failed:score {id.FaceScore} < {policy.MinFaceScore}");
            suspend = true;
        }
        else if (!id.Verified)
        {
            (reasons ??= []).Add("holder_not_verified");
        }

        if (id.Method == IdentityMethod.Proxy && string.IsNullOrEmpty(id.ProxyId))
        {
            (reasons ??= []).Add("proxy_without_proxy_id");
        }

        if (f.Patient is { } patient && !patient.HasCard(s.CardId))
        {
            (reasons ??= []).Add("card_not_patients");
            suspend = true;
        }

        var travel = ImpossibleTravel(f, policy, cards, reference);
        if (travel.Count > 0)
        {
            (reasons ??= []).Add("same_card_two_cities");
        }

        if (reasons is null)
        {
            return null;
        }

        using var e = new EvidenceBuilder();
        e.Strings("reasons", reasons);
        e.Str("method", ContractNames.Of(id.Method)).Bool("verified", id.Verified).Num("face_score", id.FaceScore)
            .Num("min_face_score", policy.MinFaceScore).Str("card_id", s.CardId).Str("proxy_id", id.ProxyId);
        if (f.Patient is { } p)
        {
            e.Strings("patient_card_ids", p.CardIds);
        }

        if (travel.Count > 0)
        {
            e.Writer.WriteStartArray("same_card_elsewhere");
            foreach (var (use, city, minutes) in travel)
            {
                e.Writer.WriteStartObject();
                e.Writer.WriteString("settlement_id", use.SettlementId);
                e.Writer.WriteString("facility_id", use.FacilityId);
                e.Writer.WriteString("city", city);
                e.Writer.WriteNumber("minutes_apart", minutes);
                e.Writer.WriteEndObject();
            }

            e.Writer.WriteEndArray();
        }

        return new AlertDraft("R05", s, e.Build(f.Notes),
            $"身份核验异常（{string.Join("、", reasons.Select(Zh))}）。",
            $"Identity check failed: {string.Join(", ", reasons.Select(r => r.Split(':')[0].Replace('_', ' ')))}.")
        {
            SuspendTrigger = suspend,
        };
    }

    private static List<(KeyedUse Use, string City, long Minutes)> ImpossibleTravel(SettlementFacts f, IdentityPolicy policy, UseIndex cards, ReferenceData reference)
    {
        var found = new List<(KeyedUse, string, long)>(0);
        var s = f.Settlement;
        if (f.Facility is not { } here || cards.Uses(s.CardId).Count < 2)
        {
            return found;
        }

        var window = TimeSpan.FromMinutes(policy.ImpossibleTravelMinutes).Ticks;
        foreach (var use in cards.Uses(s.CardId))
        {
            if (string.Equals(use.SettlementId, s.SettlementId, StringComparison.Ordinal) || Math.Abs(use.UtcTicks - s.SettledAt.UtcTicks) > window)
            {
                continue;
            }

            if (reference.Facility(use.FacilityId) is { } there && !string.Equals(there.City, here.City, StringComparison.Ordinal))
            {
                found.Add((use, there.City, Math.Abs(use.UtcTicks - s.SettledAt.UtcTicks) / TimeSpan.TicksPerMinute));
            }
        }

        found.Sort((a, b) => string.CompareOrdinal(a.Item1.SettlementId, b.Item1.SettlementId));
        return found;
    }

    private static string Zh(string reason) => reason.Split(':')[0] switch
    {
        "face_check_failed" => "人脸识别未通过",
        "holder_not_verified" => "持卡人核验未通过",
        "proxy_without_proxy_id" => "代购未登记代购人",
        "card_not_patients" => "所持卡非本人",
        _ => "同一卡60分钟内在两个城市结算",
    };
}
