using ChronicCare.Monitor.Simulation.Patients;
using ChronicCare.Monitor.Simulation.Rules;
using ChronicCare.Monitor.Simulation.Timeline;

namespace ChronicCare.Monitor.Simulation.Fraud;

/// <summary>
/// Injects a planned pattern into one patient and proves it: the exact rules fired over the patient's whole
/// history must be precisely the pattern's rules, else the attempt is discarded and another refill or date is
/// tried; after 8 failed attempts the patient stays ordinary (no label). The label then names exactly the
/// settlements that fire the pattern's rules.
/// </summary>
internal sealed class FraudInjector
{
    private const int Attempts = 8;
    private readonly SimulationContext _ctx;
    private readonly TimelineBuilder _builder;
    private readonly PatientRuleEvaluator _evaluator;

    public FraudInjector(SimulationContext ctx, TimelineBuilder builder, PatientRuleEvaluator evaluator)
    {
        _ctx = ctx;
        _builder = builder;
        _evaluator = evaluator;
    }

    public (PatientTimeline Timeline, LabelDraft? Label) Inject(PatientProfile p, PlannedSlot slot, LenderPool lenders)
    {
        var pattern = slot.Pattern;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var rng = Rng.Fork(_ctx.Seed, Streams.Fraud, (p.Index * 16L) + attempt);
            var ic = new InjectionContext(_ctx, _builder, p, rng, slot.Variant, lenders);
            ic.FillTweak = pattern.Tweak(ic);
            ic.Timeline = _builder.Build(p, ic.FillTweak);
            if (!pattern.Apply(ic))
            {
                continue;
            }

            ic.Timeline.AssignIds(p.Index);
            var fired = _evaluator.Evaluate(p, ic.Timeline);
            var union = 0;
            foreach (var v in fired.Values)
            {
                union |= v;
            }

            if (union != pattern.Rules || !MonthsWithinR13Band(pattern, ic.Timeline))
            {
                continue;
            }

            var ids = pattern.Rules != 0
                ? fired.Where(kv => (kv.Value & pattern.Rules) != 0).Select(kv => kv.Key).OrderBy(s => s.SettledAt).Select(s => s.Id).ToList()
                : ic.Touched.Where(ic.Timeline.Settlements.Contains).Select(s => s.Id).Distinct().ToList();
            if (ids.Count == 0)
            {
                continue;
            }

            var label = new LabelDraft
            {
                Pattern = pattern.Name,
                Rules = pattern.Rules | pattern.StatisticalRules,
                SettlementIds = ids,
                PatientId = p.Id,
                Period = ic.Period is { } period ? $"{period.Month.Year:D4}-{period.Month.Month:D2}" : null,
                DiseaseCode = ic.Period is { } pd ? _ctx.Catalog.Diseases[pd.Disease].Code : null,
            };
            return (ic.Timeline, label);
        }

        var fallback = _builder.Build(p, null);
        fallback.AssignIds(p.Index);
        return (fallback, null);
    }

    /// <summary>
    /// R13 is statistical, so the evaluator cannot prove it silent; instead every month of the patient must stay
    /// within the cost band that keeps it so (<see cref="CostBands"/>), except for the pattern that is about it.
    /// </summary>
    private bool MonthsWithinR13Band(FraudPattern pattern, PatientTimeline timeline)
    {
        if (RuleSet.Has(pattern.StatisticalRules, 13))
        {
            return true;
        }

        var share = RuleSet.Has(pattern.Rules, 11) ? CostBands.OverrunMonthTotal : CostBands.EditedMonthTotal;
        var totals = new Dictionary<(int Disease, int Year, int Month), long>();
        foreach (var s in timeline.Settlements)
        {
            if (!s.Reversed)
            {
                var key = (s.Disease, s.Date.Year, s.Date.Month);
                totals[key] = totals.GetValueOrDefault(key) + s.TotalCents;
            }
        }

        foreach (var (key, total) in totals)
        {
            if (total > (long)(_ctx.Catalog.Diseases[key.Disease].QuotaCents * share))
            {
                return false;
            }
        }

        return true;
    }
}
