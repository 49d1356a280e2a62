using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Rules;

namespace ChronicCare.Monitor.Outliers;

/// <summary>
/// The features R15 scores, per settlement, from the settlement, the reference and the state the engine already keeps
/// (the supply ledger and the month's quota sums), read in supply order before the settlement is stacked, so a
/// settlement's features depend on the set of events and never on the order they arrived in. Ratios are logs
/// (symmetric, bounded by <see cref="MaxLogRatio"/>), so "twice" and "half" are equally far from ordinary.
/// Seed Chongqing 三(二): 对非正常浮动指标智能分析; the price and quantity features are the 串换药品 / 虚高价格 signals.
/// </summary>
public static class OutlierFeatures
{
    /// <summary>Log ratios are clamped to ±this (e^5 ≈ 148×), so one absurd line cannot dominate the scaling.</summary>
    public const double MaxLogRatio = 5;

    /// <summary>The schema, in vector order. A model's feature list must equal it (names and order).</summary>
    public static IReadOnlyList<FeatureInfo> All { get; } =
    [
        new("log_total_amount", "total amount, ln(1 + yuan)", "结算总金额（对数）"),
        new("drug_share", "share of the total in drug lines", "药品费用占比"),
        new("exam_share", "share of the total in exam lines", "检查费用占比"),
        new("treatment_share", "share of the total in treatment lines", "治疗费用占比"),
        new("material_share", "share of the total in material lines", "材料费用占比"),
        new("self_paid_share", "share of the total paid by the patient", "个人自付占比"),
        new("price_vs_reference_max", "highest unit price against the drug's reference price, ln ratio", "单价高于参考价（对数比，最高）"),
        new("price_vs_reference_min", "lowest unit price against the drug's reference price, ln ratio", "单价低于参考价（对数比，最低）"),
        new("brand_premium_max", "dearest drug's reference price against the cheapest product of its ingredient, ln ratio", "同成分最贵品种溢价（对数比）"),
        new("quantity_per_day_high", "highest quantity per day of supply against the drug's usual, ln ratio", "日用量高于常规（对数比）"),
        new("quantity_per_day_low", "lowest quantity per day of supply against the drug's usual, ln ratio", "日用量低于常规（对数比）"),
        new("drug_cost_per_day", "drug amount per day of supply, ln(1 + yuan)", "日均药费（对数）"),
        new("drug_lines", "number of drug lines", "药品行数"),
        new("other_lines", "number of exam, treatment and material lines", "非药品行数"),
        new("max_days_supply", "longest days of supply, in months of 30 days", "最长用药天数（月）"),
        new("remaining_supply_share", "days of the same ingredient's earlier supply still left, against this line's days of supply (highest)", "同成分剩余用药天数占比"),
        new("days_since_last_fill", "days since the last fill of the same ingredient, in months (capped at 6, the same when never)", "距上次同成分取药天数（月）"),
        new("product_switch_share", "share of drug lines whose ingredient was last filled as another product", "同成分换药品种占比"),
        new("month_spend_vs_disease", "the patient's month-to-date drug spend under the disease against the disease's usual month, ln ratio", "当月病种药费累计与常规之比（对数）"),
        new("facility_hospital", "at a hospital", "医院"),
        new("facility_community", "at a community health centre", "社区卫生服务机构"),
        new("facility_clinic", "at a clinic", "诊所"),
        new("facility_pharmacy", "at a pharmacy", "药店"),
        new("facility_level", "facility level (0 = unknown)", "机构等级"),
        new("hour_sin", "time of day, sine", "结算时刻（正弦）"),
        new("hour_cos", "time of day, cosine", "结算时刻（余弦）"),
        new("long_prescription", "a long prescription", "长处方"),
    ];

    public static int Count => All.Count;

    /// <summary>
    /// Writes the settlement's features into <paramref name="x"/> (length <see cref="Count"/>). The ledger and the
    /// quota tracker must be as they were before the settlement was applied to them.
    /// </summary>
    internal static void Extract(SettlementFacts f, SupplyLedger ledger, QuotaTracker quota, FeatureTables t, Span<double> x)
    {
        var s = f.Settlement;
        var total = (double)s.TotalAmount;
        double drug = 0, exam = 0, treatment = 0, material = 0;
        double priceMax = double.NegativeInfinity, priceMin = double.PositiveInfinity, brand = 0;
        double qpdHigh = double.NegativeInfinity, qpdLow = double.PositiveInfinity, remainingShare = 0;
        int drugLines = 0, otherLines = 0, maxDays = 0, switched = 0;
        var sinceLast = (double)SupplyLedger.FillMemoryDays;
        var date = s.ServiceDate;
        for (var i = 0; i < s.Lines.Count; i++)
        {
            var line = s.Lines[i];
            var amount = (double)line.Amount;
            switch (line.ItemType)
            {
                case ItemType.Exam:
                    exam += amount;
                    otherLines++;
                    continue;
                case ItemType.Treatment:
                    treatment += amount;
                    otherLines++;
                    continue;
                case ItemType.Material:
                    material += amount;
                    otherLines++;
                    continue;
            }

            drug += amount;
            drugLines++;
            var days = line.DaysSupply ?? 1;
            maxDays = Math.Max(maxDays, days);
            var ingredient = f.IngredientOf(i);
            if (f.Drugs[i] is { } d)
            {
                if (d.ReferenceUnitPrice > 0)
                {
                    var p = LogRatio((double)line.UnitPrice, (double)d.ReferenceUnitPrice);
                    priceMax = Math.Max(priceMax, p);
                    priceMin = Math.Min(priceMin, p);
                }

                if (t.IngredientMinPrice.TryGetValue(ingredient, out var cheapest) && cheapest > 0)
                {
                    brand = Math.Max(brand, LogRatio((double)d.ReferenceUnitPrice, cheapest));
                }
            }

            if (t.QuantityPerDay(line.ItemCode, ingredient) is { } usual && usual > 0)
            {
                var q = LogRatio((double)line.Quantity / days, usual);
                qpdHigh = Math.Max(qpdHigh, q);
                qpdLow = Math.Min(qpdLow, q);
            }

            var (remaining, lastFill, lastDrug) = ledger.Peek(ingredient, date);
            remainingShare = Math.Max(remainingShare, Math.Min(remaining / (double)days, 12));
            if (lastFill is { } day)
            {
                sinceLast = Math.Min(sinceLast, Math.Max(0, date.DayNumber - day));
                if (!string.Equals(lastDrug, line.ItemCode, StringComparison.Ordinal))
                {
                    switched++;
                }
            }
        }

        var monthSpend = (double)quota.MonthSum(s.DiseaseCode, date) + drug;
        x[0] = Math.Log(1 + Math.Max(0, total));
        x[1] = Share(drug, total);
        x[2] = Share(exam, total);
        x[3] = Share(treatment, total);
        x[4] = Share(material, total);
        x[5] = Share((double)s.SelfPaid, total);
        x[6] = double.IsFinite(priceMax) ? priceMax : 0;
        x[7] = double.IsFinite(priceMin) ? priceMin : 0;
        x[8] = brand;
        x[9] = double.IsFinite(qpdHigh) ? qpdHigh : 0;
        x[10] = double.IsFinite(qpdLow) ? qpdLow : 0;
        x[11] = maxDays > 0 ? Math.Log(1 + (drug / maxDays)) : 0;
        x[12] = drugLines;
        x[13] = otherLines;
        x[14] = maxDays / 30.0;
        x[15] = remainingShare;
        x[16] = sinceLast / 30.0;
        x[17] = drugLines > 0 ? switched / (double)drugLines : 0;
        x[18] = LogRatio(1 + monthSpend, 1 + t.MonthlySpendOf(s.DiseaseCode));
        var kind = f.Facility?.Kind;
        x[19] = kind == FacilityKind.Hospital ? 1 : 0;
        x[20] = kind == FacilityKind.Community ? 1 : 0;
        x[21] = kind == FacilityKind.Clinic ? 1 : 0;
        x[22] = kind == FacilityKind.Pharmacy ? 1 : 0;
        x[23] = f.Facility?.Level ?? 0;
        var hour = s.SettledAt.Value.TimeOfDay.TotalHours;
        x[24] = Math.Sin(hour * Math.PI / 12);
        x[25] = Math.Cos(hour * Math.PI / 12);
        x[26] = s.Prescription.LongPrescription ? 1 : 0;
    }

    private static double Share(double part, double total) => total > 0 ? Math.Clamp(part / total, 0, 1) : 0;

    private static double LogRatio(double value, double usual) =>
        Math.Clamp(Math.Log(Math.Max(value, 1e-9) / usual), -MaxLogRatio, MaxLogRatio);
}
