using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;

namespace ChronicCare.Monitor.Rules;

/// <summary>
/// R08 DEMOGRAPHIC_RESTRICTION 性别/年龄限定: a drug restricted to the other sex, or the patient's age in
/// whole years on the service date outside [min_age, max_age]. Seed: 两库 (药品区分性别/年龄使用).
/// </summary>
internal static class DemographicRule
{
    public static AlertDraft? Evaluate(SettlementFacts f)
    {
        if (f.Patient is not { } p)
        {
            return null;
        }

        var s = f.Settlement;
        var age = p.AgeOn(s.ServiceDate);
        List<(SettlementLine Line, Drug Drug, string Reason)>? hits = null;
        for (var i = 0; i < s.Lines.Count; i++)
        {
            if (f.Drugs[i] is not { } d)
            {
                continue;
            }

            if (d.Gender is { } g && g != p.Gender)
            {
                (hits ??= []).Add((s.Lines[i], d, $"gender:{g}"));
            }
            else if ((d.MinAge is { } min && age < min) || (d.MaxAge is { } max && age > max))
            {
                (hits ??= []).Add((s.Lines[i], d, $"age:{d.MinAge?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}..{d.MaxAge?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}"));
            }
        }

        if (hits is null)
        {
            return null;
        }

        using var e = new EvidenceBuilder();
        e.Str("patient_gender", p.Gender.ToString()).Num("patient_age", age).Date("birth_date", p.BirthDate);
        e.Writer.WriteStartArray("lines");
        foreach (var (line, drug, reason) in hits)
        {
            e.Writer.WriteStartObject();
            e.Writer.WriteNumber("line_no", line.LineNo);
            e.Writer.WriteString("drug_code", drug.DrugCode);
            e.Writer.WriteString("restriction", reason);
            e.Writer.WriteEndObject();
        }

        e.Writer.WriteEndArray();
        var first = hits[0];
        return new AlertDraft("R08", s, e.Build(f.Notes),
            $"{first.Drug.Name}有性别或年龄限定（{first.Reason}），与患者（{p.Gender}，{age}岁）不符。",
            $"{first.Drug.DrugCode} is restricted ({first.Reason}) and does not fit the patient ({p.Gender}, {age} years).");
    }
}
