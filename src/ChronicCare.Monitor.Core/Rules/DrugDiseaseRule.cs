using ChronicCare.Monitor.Alerts;

namespace ChronicCare.Monitor.Rules;

/// <summary>
/// R09 DRUG_DISEASE_MISMATCH 超病种用药: a drug line's drug does not list the claimed disease.
/// Seeds: Wenzhou 二(三) (按病种用药范围); Hunan 第十八条.
/// </summary>
internal static class DrugDiseaseRule
{
    public static AlertDraft? Evaluate(SettlementFacts f)
    {
        var s = f.Settlement;
        List<string>? codes = null;
        for (var i = 0; i < s.Lines.Count; i++)
        {
            if (f.Drugs[i] is { } d && !d.IsIndicatedFor(s.DiseaseCode))
            {
                (codes ??= []).Add(d.DrugCode);
            }
        }

        if (codes is null)
        {
            return null;
        }

        using var e = new EvidenceBuilder();
        e.Str("disease_code", s.DiseaseCode).Strings("drug_codes", codes);
        return new AlertDraft("R09", s, e.Build(f.Notes),
            $"所开药品{string.Join("、", codes)}不在病种{s.DiseaseCode}的用药范围内。",
            $"Drug {string.Join(", ", codes)} is outside the drug list of disease {s.DiseaseCode}.");
    }
}
