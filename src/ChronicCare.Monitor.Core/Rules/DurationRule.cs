using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Policy;

namespace ChronicCare.Monitor.Rules;

/// <summary>
/// R02 EXCESSIVE_DURATION 超量开药: a drug line's days_supply &gt; 30, or &gt; 84 for a 长期处方.
/// Seeds: Lianyungang 四(二) (一般不超过30天); Wenzhou 二(四) (长期处方最长12周).
/// </summary>
internal static class DurationRule
{
    public static AlertDraft? Evaluate(SettlementFacts f, SupplyPolicy policy)
    {
        var s = f.Settlement;
        var limit = s.Prescription.LongPrescription ? policy.MaxDaysLongPrescription : policy.MaxDays;
        List<SettlementLine>? over = null;
        foreach (var line in s.Lines)
        {
            if (line.ItemType == ItemType.Drug && line.DaysSupply > limit)
            {
                (over ??= []).Add(line);
            }
        }

        if (over is null)
        {
            return null;
        }

        using var e = new EvidenceBuilder();
        e.Bool("long_prescription", s.Prescription.LongPrescription).Num("limit_days", limit);
        e.Writer.WriteStartArray("lines");
        foreach (var l in over)
        {
            e.Writer.WriteStartObject();
            e.Writer.WriteNumber("line_no", l.LineNo);
            e.Writer.WriteString("drug_code", l.ItemCode);
            e.Writer.WriteNumber("days_supply", l.DaysSupply!.Value);
            e.Writer.WriteEndObject();
        }

        e.Writer.WriteEndArray();
        var kind = s.Prescription.LongPrescription ? "长期处方" : "普通处方";
        var kindEn = s.Prescription.LongPrescription ? "long prescription" : "prescription";
        return new AlertDraft("R02", s, e.Build(f.Notes),
            $"{kind}开药{over[0].DaysSupply}天，超过{limit}天上限。",
            $"A {kindEn} covers {over[0].DaysSupply} days, over the {limit}-day limit.");
    }
}
