using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Policy;

namespace ChronicCare.Monitor.Rules;

/// <summary>
/// R01 OVERLAPPING_SUPPLY 重复开药 and R03 CROSS_FACILITY_DUPLICATE 跨机构重复开药 (contract §3 supply model).
/// A drug line whose remaining supply exceeds its tolerance max(7, floor(0.2 × d)) is R03 when a still-active
/// earlier line of the ingredient is from another facility, else R01.
/// Seeds: Lianyungang 四(二), 五(二) (不得重复开药); Chongqing 二(一) (跨机构重复开药); 两库 重复开药.
/// </summary>
internal static class SupplyRules
{
    public static void Evaluate(SettlementFacts f, SupplyPolicy policy, SupplyLedger ledger, List<AlertDraft> drafts)
    {
        var s = f.Settlement;
        List<Finding>? overlapping = null, crossFacility = null;
        var order = LineOrder(s);
        for (var k = 0; k < s.Lines.Count; k++)
        {
            var i = order?[k] ?? k;
            var line = s.Lines[i];
            if (line.ItemType != ItemType.Drug)
            {
                continue;
            }

            var ingredient = f.IngredientOf(i);
            var days = line.DaysSupply!.Value;
            var (remaining, coveredUntil, active) = ledger.Before(ingredient, s.ServiceDate);
            var tolerance = Tolerance(policy, days);
            if (remaining > tolerance)
            {
                var finding = new Finding(line, ingredient, remaining, tolerance, coveredUntil, active);
                if (active.Any(a => !string.Equals(a.FacilityId, s.FacilityId, StringComparison.Ordinal)))
                {
                    (crossFacility ??= []).Add(finding);
                }
                else
                {
                    (overlapping ??= []).Add(finding);
                }
            }

            ledger.Stack(ingredient, new SupplyLine(s.SettlementId, s.FacilityId, s.ServiceDate, days, line.ItemCode, line.LineNo));
        }

        if (overlapping is not null)
        {
            drafts.Add(Draft("R01", f, overlapping));
        }

        if (crossFacility is not null)
        {
            drafts.Add(Draft("R03", f, crossFacility));
        }
    }

    /// <summary>max(tolerance_min_days, floor(tolerance_fraction × days_supply)).</summary>
    public static int Tolerance(SupplyPolicy policy, int daysSupply) =>
        Math.Max(policy.ToleranceMinDays, (int)Math.Floor(policy.ToleranceFraction * daysSupply));

    /// <summary>Line indexes in line_no order (the last key of the supply order), or null when the lines are already in that order.</summary>
    internal static int[]? LineOrder(Settlement s)
    {
        var n = s.Lines.Count;
        for (var i = 1; i < n; i++)
        {
            if (s.Lines[i - 1].LineNo > s.Lines[i].LineNo)
            {
                return Enumerable.Range(0, n).OrderBy(k => s.Lines[k].LineNo).ToArray();
            }
        }

        return null;
    }

    private static AlertDraft Draft(string rule, SettlementFacts f, List<Finding> findings)
    {
        var s = f.Settlement;
        using var e = new EvidenceBuilder();
        e.Date("service_date", s.ServiceDate);
        e.Writer.WriteStartArray("lines");
        foreach (var x in findings)
        {
            e.Writer.WriteStartObject();
            e.Writer.WriteNumber("line_no", x.Line.LineNo);
            e.Writer.WriteString("drug_code", x.Line.ItemCode);
            e.Writer.WriteString("ingredient", x.Ingredient);
            e.Writer.WriteNumber("days_supply", x.Line.DaysSupply!.Value);
            e.Writer.WriteNumber("remaining_days", x.Remaining);
            e.Writer.WriteNumber("tolerance_days", x.Tolerance);
            if (x.CoveredUntil is { } cu)
            {
                e.Writer.WriteString("covered_until_before", cu.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            }

            e.Writer.WriteStartArray("earlier_active_lines");
            foreach (var a in x.Active)
            {
                e.Writer.WriteStartObject();
                e.Writer.WriteString("settlement_id", a.SettlementId);
                e.Writer.WriteString("facility_id", a.FacilityId);
                e.Writer.WriteString("date", a.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                e.Writer.WriteNumber("days_supply", a.DaysSupply);
                e.Writer.WriteString("drug_code", a.DrugCode);
                e.Writer.WriteEndObject();
            }

            e.Writer.WriteEndArray();
            e.Writer.WriteEndObject();
        }

        e.Writer.WriteEndArray();
        var first = findings[0];
        var date = s.ServiceDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return rule == "R01"
            ? new AlertDraft(rule, s, e.Build(f.Notes),
                $"{date}再次开具{first.Ingredient}时同一机构此前药量尚余{first.Remaining}天，超过容差{first.Tolerance}天。",
                $"{first.Ingredient} was dispensed again on {date} with {first.Remaining} days of earlier supply from the same facility left, over the {first.Tolerance}-day tolerance.")
            : new AlertDraft(rule, s, e.Build(f.Notes),
                $"{date}在{s.FacilityId}开具{first.Ingredient}时其他机构开具的药量尚在使用，剩余{first.Remaining}天，超过容差{first.Tolerance}天。",
                $"{first.Ingredient} was dispensed at {s.FacilityId} on {date} while supply from another facility was still active, {first.Remaining} days left, over the {first.Tolerance}-day tolerance.");
    }

    private sealed record Finding(SettlementLine Line, string Ingredient, int Remaining, int Tolerance, DateOnly? CoveredUntil, IReadOnlyList<SupplyLine> Active);
}
