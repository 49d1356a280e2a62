using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Outliers;
using ChronicCare.Monitor.Reference;
using ChronicCare.Monitor.Rules;
using ChronicCare.Monitor.Tests.Support;
using Xunit;
using static ChronicCare.Monitor.Tests.Support.SettlementBuilder;

namespace ChronicCare.Monitor.Tests.Outliers;

/// <summary>
/// R15's features (<see cref="OutlierFeatures"/>), each family computed as documented, from the settlement, the
/// reference, the supply ledger and the month's quota sums as they were before the settlement was stacked. The tables
/// are <see cref="TestModels.Tables"/>: every drug's usual quantity is 1 a day, HTN's usual month is 20 yuan.
/// </summary>
public sealed class OutlierFeaturesTests
{
    private const double Tolerance = 1e-12;
    private static readonly DateOnly March1 = new(2026, 3, 1);

    [Fact]
    public void All_Schema_TwentySevenUniqueNamesWithMeanings()
    {
        Assert.Equal(27, OutlierFeatures.Count);
        Assert.Equal(27, OutlierFeatures.All.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(OutlierFeatures.All, f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Meaning));
            Assert.False(string.IsNullOrWhiteSpace(f.MeaningZh));
        });
    }

    [Fact]
    public void Extract_LineAtTwiceTheReferencePrice_PriceVsReferenceIsLn2()
    {
        // AML1's reference is 0.35; 30 tablets for 21.00 is 0.70 each.
        var x = X(S("S1").On("2026-03-01").Drug(World.Amlodipine, 30, 21m, 30));

        Assert.Equal(Math.Log(2), x[F("price_vs_reference_max")], Tolerance);
        Assert.Equal(Math.Log(2), x[F("price_vs_reference_min")], Tolerance);
    }

    [Fact]
    public void Extract_LinesAboveAtAndBelowReference_MaxAndMinTakeTheExtremes()
    {
        var x = X(S("S1").On("2026-03-01")
            .Drug(World.Amlodipine, 30, 21m, 30)       // 0.70 = 2 × 0.35
            .Drug("D1", 30, 30m, 30)                   // 1.00 = the reference
            .Drug(World.Atorvastatin, 30, 15.75m, 30)); // 0.525 = 0.5 × 1.05

        Assert.Equal(Math.Log(2), x[F("price_vs_reference_max")], Tolerance);
        Assert.Equal(-Math.Log(2), x[F("price_vs_reference_min")], Tolerance);
    }

    [Fact]
    public void Extract_BrandOfACheaperIngredient_BrandPremiumIsLnOfReferenceOverCheapest()
    {
        // AML2 (2.10) against AML1 (0.35), the cheapest amlodipine, billed at its own reference price.
        var brand = X(S("S1").On("2026-03-01").Drug(World.AmlodipineBrand, 30, 63m, 30));
        var generic = X(S("S1").On("2026-03-01").Drug(World.Amlodipine, 30, 10.5m, 30));
        var dearBrand = X(S("S1").On("2026-03-01").Drug(World.AmlodipineBrand, 30, 126m, 30)); // 4.20: the premium is the reference's

        Assert.Equal(Math.Log(2.10 / 0.35), brand[F("brand_premium_max")], Tolerance);
        Assert.Equal(0, brand[F("price_vs_reference_max")], Tolerance);
        Assert.Equal(Math.Log(2.10 / 0.35), dearBrand[F("brand_premium_max")], Tolerance);
        Assert.Equal(Math.Log(2), dearBrand[F("price_vs_reference_max")], Tolerance);
        Assert.Equal(0, generic[F("brand_premium_max")], Tolerance);
    }

    [Fact]
    public void Extract_QuantitiesAboveAndBelowTheUsual_HighAndLowAreLnRatios()
    {
        // Usual: 1 a day. 60 over 30 days is 2 a day; 15 over 30 days is half.
        var x = X(S("S1").On("2026-03-01").Drug(World.Amlodipine, 30, 21m, 60).Drug(World.Atorvastatin, 30, 15.75m, 15));

        Assert.Equal(Math.Log(2), x[F("quantity_per_day_high")], Tolerance);
        Assert.Equal(-Math.Log(2), x[F("quantity_per_day_low")], Tolerance);
    }

    [Fact]
    public void Extract_DrugNotInDrugTable_FallsBackToItsIngredientsUsualQuantity()
    {
        var tables = new FeatureTables(
            new Dictionary<string, double> { [World.Amlodipine] = 2.0 },
            new Dictionary<string, double> { ["amlodipine"] = 1.0 },
            new Dictionary<string, double>(),
            new Dictionary<string, double>(),
            20);

        var own = X(S("S1").On("2026-03-01").Drug(World.Amlodipine, 30, 10.5m, 60), tables: tables);
        var ingredient = X(S("S1").On("2026-03-01").Drug(World.AmlodipineBrand, 30, 63m, 60), tables: tables);

        Assert.Equal(0, own[F("quantity_per_day_high")], Tolerance);
        Assert.Equal(Math.Log(2), ingredient[F("quantity_per_day_high")], Tolerance);
    }

    [Fact]
    public void Extract_DrugExamTreatmentMaterial_SharesSumToOneAndTotalsAreLogged()
    {
        Settlement s = S("S1").On("2026-03-01").Build();
        s = WithLines(s, 10m,
            new SettlementLine(1, ItemType.Drug, World.Amlodipine, 30, 1m, 30m, 30),
            new SettlementLine(2, ItemType.Exam, "EX01", 1, 10m, 10m, null),
            new SettlementLine(3, ItemType.Treatment, "TR01", 2, 3m, 6m, null),
            new SettlementLine(4, ItemType.Material, "MA01", 1, 4m, 4m, null));

        var x = X(s);

        Assert.Equal(Math.Log(51), x[F("log_total_amount")], Tolerance);
        Assert.Equal(0.6, x[F("drug_share")], Tolerance);
        Assert.Equal(0.2, x[F("exam_share")], Tolerance);
        Assert.Equal(0.12, x[F("treatment_share")], Tolerance);
        Assert.Equal(0.08, x[F("material_share")], Tolerance);
        Assert.Equal(1, x[F("drug_share")] + x[F("exam_share")] + x[F("treatment_share")] + x[F("material_share")], Tolerance);
        Assert.Equal(0.2, x[F("self_paid_share")], Tolerance); // 10 of 50
        Assert.Equal(1, x[F("drug_lines")]);
        Assert.Equal(3, x[F("other_lines")]);
        Assert.Equal(Math.Log(1 + (30.0 / 30)), x[F("drug_cost_per_day")], Tolerance);
        Assert.Equal(1, x[F("max_days_supply")], Tolerance);
    }

    [Fact]
    public void Extract_SeveralDrugLines_DaysAndCostPerDayUseTheLongestSupply()
    {
        var x = X(S("S1").On("2026-03-01").Long().Drug(World.Amlodipine, 84, 29.4m, 84).Drug(World.Atorvastatin, 30, 31.5m, 30));

        Assert.Equal(84 / 30.0, x[F("max_days_supply")], Tolerance);
        Assert.Equal(Math.Log(1 + (60.9 / 84)), x[F("drug_cost_per_day")], 1e-9);
        Assert.Equal(2, x[F("drug_lines")]);
        Assert.Equal(1, x[F("long_prescription")]);
        Assert.Equal(0, X(S("S1").On("2026-03-01"))[F("long_prescription")]);
    }

    [Fact]
    public void Extract_EarlierFillTwentyDaysBefore_DaysSinceLastFillIsTwentyThirtieths()
    {
        var ledger = Ledger((World.Amlodipine, March1.AddDays(-20), 30));

        var x = X(S("S1").On("2026-03-01").Drug(World.Amlodipine), ledger);

        Assert.Equal(20 / 30.0, x[F("days_since_last_fill")], Tolerance);
    }

    [Fact]
    public void Extract_NoEarlierFillOfTheIngredient_DaysSinceLastFillIsTheCapOfSix()
    {
        var ledger = Ledger((World.Atorvastatin, March1.AddDays(-20), 30)); // another ingredient

        Assert.Equal(6, X(S("S1").On("2026-03-01").Drug(World.Amlodipine))[F("days_since_last_fill")], Tolerance);
        Assert.Equal(6, X(S("S1").On("2026-03-01").Drug(World.Amlodipine), ledger)[F("days_since_last_fill")], Tolerance);
    }

    [Fact]
    public void Extract_TwoIngredientsFilledAtDifferentTimes_DaysSinceLastFillIsTheMostRecent()
    {
        var ledger = Ledger((World.Amlodipine, March1.AddDays(-50), 30), (World.Atorvastatin, March1.AddDays(-25), 30));

        var x = X(S("S1").On("2026-03-01").Drug(World.Amlodipine).Drug(World.Atorvastatin), ledger);

        Assert.Equal(25 / 30.0, x[F("days_since_last_fill")], Tolerance);
    }

    [Fact]
    public void Extract_LastFilledAsAnotherProduct_ProductSwitchShareCountsTheSwitchedLines()
    {
        var ledger = Ledger((World.Amlodipine, March1.AddDays(-30), 30), (World.Atorvastatin, March1.AddDays(-30), 30));

        var switched = X(S("S1").On("2026-03-01").Drug(World.AmlodipineBrand), ledger.Clone());
        var same = X(S("S1").On("2026-03-01").Drug(World.Amlodipine), ledger.Clone());
        var half = X(S("S1").On("2026-03-01").Drug(World.AmlodipineBrand).Drug(World.Atorvastatin), ledger.Clone());
        var never = X(S("S1").On("2026-03-01").Drug(World.AmlodipineBrand));

        Assert.Equal(1, switched[F("product_switch_share")], Tolerance);
        Assert.Equal(0, same[F("product_switch_share")], Tolerance);
        Assert.Equal(0.5, half[F("product_switch_share")], Tolerance);
        Assert.Equal(0, never[F("product_switch_share")], Tolerance);
    }

    [Fact]
    public void Extract_RefillTwentyDaysIntoAThirtyDaySupply_RemainingSupplyShareIsTenThirtieths()
    {
        var ledger = Ledger((World.Amlodipine, March1.AddDays(-20), 30));

        var x = X(S("S1").On("2026-03-01").Drug(World.Amlodipine, 30), ledger);

        Assert.Equal(10 / 30.0, x[F("remaining_supply_share")], Tolerance);
        Assert.Equal(0, X(S("S1").On("2026-03-01").Drug(World.Amlodipine, 30))[F("remaining_supply_share")], Tolerance);
    }

    [Fact]
    public void Extract_HugeStackedSupplyAgainstAOneDayLine_RemainingSupplyShareCappedAtTwelve()
    {
        var ledger = Ledger((World.Amlodipine, March1, 84), (World.Amlodipine, March1, 84));

        var x = X(S("S1").On("2026-03-01").Drug(World.Amlodipine, 1, 0.35m, 1), ledger);

        Assert.Equal(12, x[F("remaining_supply_share")], Tolerance);
    }

    [Fact]
    public void Extract_EarlierSpendThisMonth_MonthSpendIncludesItAndThisSettlement()
    {
        var quota = new QuotaTracker();
        quota.Add("HTN", March1.AddDays(-1), 100m);   // February: another month
        quota.Add("T2DM", March1, 100m);              // another disease
        quota.Add("HTN", March1, 40m);

        var x = X(S("S1").On("2026-03-10").Drug(World.Amlodipine, 30, 20m, 30).Exam(50m), quota: quota);

        // (1 + 40 + 20) against (1 + 20): the exam is not drug spend.
        Assert.Equal(Math.Log(61.0 / 21), x[F("month_spend_vs_disease")], Tolerance);
    }

    [Fact]
    public void Extract_DiseaseNotInTables_MonthSpendAgainstTheOverallMonth()
    {
        var x = X(S("S1").On("2026-03-10").Disease("BPH").Drug(World.Finasteride, 30, 30m, 30));

        Assert.Equal(Math.Log(31 / (1 + TestModels.MonthlySpend)), x[F("month_spend_vs_disease")], Tolerance);
    }

    [Theory]
    [InlineData(World.Hospital, "facility_hospital", 3)]
    [InlineData(World.Hospital2, "facility_hospital", 2)]
    [InlineData(World.Community, "facility_community", 1)]
    [InlineData(World.Pharmacy, "facility_pharmacy", 0)]
    [InlineData("FK1", "facility_clinic", 1)]
    public void Extract_FacilityKind_OneHotAndLevel(string facility, string hot, int level)
    {
        var reference = World.Reference();
        reference.Upsert(new Facility("FK1", "诊所", FacilityKind.Clinic, 1, "320705", false));

        var x = X(S("S1").On("2026-03-01").Facility(facility), reference: reference);

        string[] kinds = ["facility_hospital", "facility_community", "facility_clinic", "facility_pharmacy"];
        Assert.All(kinds, k => Assert.Equal(k == hot ? 1 : 0, x[F(k)]));
        Assert.Equal(level, x[F("facility_level")]);
    }

    [Fact]
    public void Extract_UnknownFacility_NoKindAndLevelZero()
    {
        var x = X(S("S1").On("2026-03-01").Facility("NOWHERE"));

        string[] zero = ["facility_hospital", "facility_community", "facility_clinic", "facility_pharmacy", "facility_level"];
        Assert.All(zero, k => Assert.Equal(0, x[F(k)]));
    }

    [Theory]
    [InlineData("2026-03-01T09:00:00+08:00", 9)]
    [InlineData("2026-03-01T18:00:00+08:00", 18)]
    [InlineData("2026-03-01T00:30:00+08:00", 0.5)]
    [InlineData("2026-03-01T06:00:00+00:00", 6)]
    public void Extract_TimeOfDay_SineAndCosineOfTheLocalHour(string at, double hour)
    {
        var x = X(S("S1").At(at));

        Assert.Equal(Math.Sin(hour * Math.PI / 12), x[F("hour_sin")], Tolerance);
        Assert.Equal(Math.Cos(hour * Math.PI / 12), x[F("hour_cos")], Tolerance);
    }

    [Fact]
    public void Extract_EighteenHundred_SineMinusOneCosineZero()
    {
        var x = X(S("S1").At("2026-03-01T18:00:00+08:00"));

        Assert.Equal(-1, x[F("hour_sin")], 1e-9);
        Assert.Equal(0, x[F("hour_cos")], 1e-9);
    }

    [Fact]
    public void Extract_AbsurdPricesAndQuantities_LogRatiosClampedAtFive()
    {
        // 1000 × and 1/1000 × the reference (ln 1000 ≈ 6.9), 1000 tablets a day.
        var x = X(S("S1").On("2026-03-01")
            .Drug(World.Amlodipine, 30, 10500m, 30)
            .Drug(World.Atorvastatin, 30, 0.03m, 30000)
            .Drug("D1", 30, 0.01m, 0.03m));

        Assert.Equal(5, x[F("price_vs_reference_max")]);
        Assert.Equal(-5, x[F("price_vs_reference_min")]);
        Assert.Equal(5, x[F("quantity_per_day_high")]);
        Assert.Equal(-5, x[F("quantity_per_day_low")]);
    }

    [Fact]
    public void Extract_UnknownDrug_NeutralRatiosButItsOwnSupplyHistory()
    {
        var ledger = new SupplyLedger();
        ledger.Stack("XYZ9", new SupplyLine("S0", World.Hospital, March1.AddDays(-20), 30, "XYZ9", 1)); // judged as its own ingredient

        var x = X(S("S1").On("2026-03-01").Drug("XYZ9", 30, 999m, 500), ledger);

        Assert.Equal(0, x[F("price_vs_reference_max")]);
        Assert.Equal(0, x[F("price_vs_reference_min")]);
        Assert.Equal(0, x[F("brand_premium_max")]);
        Assert.Equal(0, x[F("quantity_per_day_high")]);
        Assert.Equal(0, x[F("quantity_per_day_low")]);
        Assert.Equal(20 / 30.0, x[F("days_since_last_fill")], Tolerance);
        Assert.Equal(10 / 30.0, x[F("remaining_supply_share")], Tolerance);
        Assert.Equal(1, x[F("drug_lines")]);
    }

    [Fact]
    public void Extract_OnlyNonDrugLines_DrugFeaturesNeutral()
    {
        Settlement s = S("S1").On("2026-03-01").Build();
        s = WithLines(s, 8m, new SettlementLine(1, ItemType.Exam, "EX01", 1, 40m, 40m, null));

        var x = X(s);

        Assert.Equal(0, x[F("drug_share")]);
        Assert.Equal(1, x[F("exam_share")], Tolerance);
        Assert.Equal(0, x[F("drug_lines")]);
        Assert.Equal(0, x[F("drug_cost_per_day")]);
        Assert.Equal(0, x[F("max_days_supply")]);
        Assert.Equal(0, x[F("product_switch_share")]);
        Assert.Equal(6, x[F("days_since_last_fill")]);
        string[] ratios = ["price_vs_reference_max", "price_vs_reference_min", "quantity_per_day_high", "quantity_per_day_low"];
        Assert.All(ratios, k => Assert.Equal(0, x[F(k)]));
    }

    [Fact]
    public void Extract_ThroughTheEngine_ReadsTheLedgerAndMonthBeforeStackingInSupplyOrder()
    {
        // S2 (brand) 20 days into S1's 30-day supply, the same month; arriving first changes nothing.
        Settlement s1 = S("S1").On("2026-03-01").Drug(World.Amlodipine, 30, 10.5m, 30);
        Settlement s2 = S("S2").On("2026-03-21").Drug(World.AmlodipineBrand, 30, 63m, 30);

        var inOrder = TestModels.Capture([s1, s2]);
        var reversed = TestModels.Capture([s2, s1]);

        var x1 = inOrder["S1"];
        var x2 = inOrder["S2"];
        Assert.Equal(6, x1[F("days_since_last_fill")]);
        Assert.Equal(0, x1[F("remaining_supply_share")]);
        Assert.Equal(Math.Log(11.5 / 21), x1[F("month_spend_vs_disease")], Tolerance);
        Assert.Equal(20 / 30.0, x2[F("days_since_last_fill")], Tolerance);
        Assert.Equal(10 / 30.0, x2[F("remaining_supply_share")], Tolerance);
        Assert.Equal(1, x2[F("product_switch_share")]);
        Assert.Equal(Math.Log((1 + 10.5 + 63) / 21), x2[F("month_spend_vs_disease")], Tolerance);
        Assert.Equal(x1, reversed["S1"]);
        Assert.Equal(x2, reversed["S2"]);
    }

    internal static int F(string name)
    {
        for (var i = 0; i < OutlierFeatures.Count; i++)
        {
            if (OutlierFeatures.All[i].Name == name)
            {
                return i;
            }
        }

        throw new Xunit.Sdk.XunitException($"no feature {name}");
    }

    private static double[] X(Settlement s, SupplyLedger? ledger = null, QuotaTracker? quota = null, FeatureTables? tables = null, ReferenceData? reference = null)
    {
        var facts = new SettlementFacts(s, reference ?? World.Reference(), false, DateOnly.MinValue);
        var x = new double[OutlierFeatures.Count];
        OutlierFeatures.Extract(facts, ledger ?? new SupplyLedger(), quota ?? new QuotaTracker(), tables ?? TestModels.Tables, x);
        return x;
    }

    /// <summary>A ledger holding the given fills, stacked under the World drug's ingredient.</summary>
    private static SupplyLedger Ledger(params (string Drug, DateOnly Date, int Days)[] fills)
    {
        var reference = World.Reference();
        var ledger = new SupplyLedger();
        var n = 0;
        foreach (var (drug, date, days) in fills)
        {
            ledger.Stack(reference.Drug(drug)!.Ingredient, new SupplyLine($"S0-{n++}", World.Hospital, date, days, drug, 1));
        }

        return ledger;
    }

    /// <summary>A copy of <paramref name="s"/> with other lines (totals recomputed, <paramref name="selfPaid"/> paid by the patient).</summary>
    private static Settlement WithLines(Settlement s, decimal selfPaid, params SettlementLine[] lines)
    {
        var total = lines.Sum(l => l.Amount);
        return new Settlement
        {
            SettlementId = s.SettlementId,
            SettledAt = s.SettledAt,
            PatientId = s.PatientId,
            CardId = s.CardId,
            FacilityId = s.FacilityId,
            PrescriberId = s.PrescriberId,
            PrescriberTitle = s.PrescriberTitle,
            DiseaseCode = s.DiseaseCode,
            Identity = s.Identity,
            Prescription = s.Prescription,
            Lines = lines,
            TotalAmount = total,
            FundPaid = total - selfPaid,
            SelfPaid = selfPaid,
        };
    }
}
