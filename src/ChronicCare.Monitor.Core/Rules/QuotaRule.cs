using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Policy;

namespace ChronicCare.Monitor.Rules;

/// <summary>
/// R11 QUOTA_EXCEEDED 超限额: in supply order, the running sum of drug-line amounts of the patient's settlements
/// of the same disease in the calendar month (the calendar quarter and monthly_quota × 3 for a long
/// prescription), including this settlement, exceeds the quota. Seeds: Hunan 第十三、十六、十九条 (月度限额;
/// 长期处方按季度累计).
/// </summary>
internal static class QuotaRule
{
    public static AlertDraft? Evaluate(SettlementFacts f, QuotaPolicy policy, QuotaTracker tracker)
    {
        var s = f.Settlement;
        decimal drugAmount = 0;
        foreach (var l in s.Lines)
        {
            if (l.ItemType == ItemType.Drug)
            {
                drugAmount += l.Amount;
            }
        }

        var (month, quarter) = tracker.Add(s.DiseaseCode, s.ServiceDate, drugAmount);
        if (f.Disease is not { } disease)
        {
            return null;
        }

        var isLong = s.Prescription.LongPrescription;
        var limit = isLong ? disease.MonthlyQuota * policy.LongPrescriptionMultiplier : disease.MonthlyQuota;
        var sum = isLong ? quarter : month;
        if (sum <= limit)
        {
            return null;
        }

        var period = isLong
            ? $"{s.ServiceDate.Year}-Q{((s.ServiceDate.Month - 1) / 3) + 1}"
            : s.ServiceDate.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        using var e = new EvidenceBuilder();
        e.Str("disease_code", disease.DiseaseCode).Str("period", period).Bool("long_prescription", isLong)
            .Num("drug_amount", drugAmount).Num("running_sum", sum).Num("limit", limit).Num("monthly_quota", disease.MonthlyQuota);
        var periodZh = isLong ? "季度" : "月度";
        return new AlertDraft("R11", s, e.Build(f.Notes),
            $"{disease.Name}{period}{periodZh}药品费用累计{sum}元，超过限额{limit}元。",
            $"Drug cost under {disease.DiseaseCode} in {period} reaches {sum} yuan, over the {limit} yuan limit.");
    }
}
