using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Policy;

namespace ChronicCare.Monitor.Rules;

/// <summary>
/// R10 PRESCRIPTION_RULE 处方规范: (a) more than 5 distinct drug codes at a non-pharmacy facility of level &lt;= 2
/// with no prescription note; (b) a non-essential drug at an essential-drugs-only facility.
/// Seeds: Lianyungang 四(三) (二级及以下每张处方不超过5种药品，特殊情况说明), 四(四) (基本药物).
/// </summary>
internal static class PrescriptionRule
{
    public static AlertDraft? Evaluate(SettlementFacts f, PrescriptionPolicy policy)
    {
        if (f.Facility is not { } facility)
        {
            return null;
        }

        var s = f.Settlement;
        var distinct = DistinctDrugs(s);
        var tooMany = facility.Kind != FacilityKind.Pharmacy && facility.Level <= policy.MaxFacilityLevelForDrugCount
            && distinct > policy.MaxDistinctDrugs && !s.Prescription.HasNote;
        List<string>? nonEssential = null;
        if (facility.EssentialDrugsOnly)
        {
            for (var i = 0; i < s.Lines.Count; i++)
            {
                if (f.Drugs[i] is { Essential: false } d)
                {
                    (nonEssential ??= []).Add(d.DrugCode);
                }
            }
        }

        if (!tooMany && nonEssential is null)
        {
            return null;
        }

        using var e = new EvidenceBuilder();
        var parts = new List<string>(2);
        if (tooMany)
        {
            parts.Add("too_many_drugs");
            e.Num("distinct_drugs", distinct).Num("max_distinct_drugs", policy.MaxDistinctDrugs).Num("facility_level", facility.Level).Bool("has_note", false);
        }

        if (nonEssential is not null)
        {
            parts.Add("non_essential_at_essential_only_facility");
            e.Strings("non_essential_drug_codes", nonEssential).Bool("essential_drugs_only", true);
        }

        e.Strings("violations", parts);
        var zh = string.Join("；", parts.Select(p => p == "too_many_drugs"
            ? $"二级及以下机构单张处方{distinct}种药品且无用药说明"
            : $"基本药物机构使用非基本药物{string.Join("、", nonEssential!)}"));
        var en = string.Join("; ", parts.Select(p => p == "too_many_drugs"
            ? $"{distinct} distinct drugs on one prescription at a level-{facility.Level} facility without a note"
            : $"non-essential drug {string.Join(", ", nonEssential!)} at an essential-drugs-only facility"));
        return new AlertDraft("R10", s, e.Build(f.Notes), $"处方不规范：{zh}。", $"Prescription rule broken: {en}.");
    }

    private static int DistinctDrugs(Settlement s)
    {
        var count = 0;
        for (var i = 0; i < s.Lines.Count; i++)
        {
            if (s.Lines[i].ItemType != ItemType.Drug)
            {
                continue;
            }

            var seen = false;
            for (var j = 0; j < i && !seen; j++)
            {
                seen = s.Lines[j].ItemType == ItemType.Drug && string.Equals(s.Lines[j].ItemCode, s.Lines[i].ItemCode, StringComparison.Ordinal);
            }

            count += seen ? 0 : 1;
        }

        return count;
    }
}
