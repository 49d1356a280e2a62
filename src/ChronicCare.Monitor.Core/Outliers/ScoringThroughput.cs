using System.Diagnostics;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Reference;
using ChronicCare.Monitor.Rules;

namespace ChronicCare.Monitor.Outliers;

/// <summary>
/// For <c>chroniccare outlier-bench</c>: R15's per-settlement cost on the calling thread, the features extracted the
/// way the engine does (each patient's settlements in supply order over the patient's own ledger and month sums:
/// facts joined with the reference, ledger and sums read, scored, then stacked), explaining the settlements above the
/// threshold as the alerts do. The rules themselves are not run, so this is R15's share of an evaluation.
/// </summary>
public static class ScoringThroughput
{
    /// <summary>Extracts and scores every settlement <paramref name="rounds"/> times; returns how many were scored, how long it took and how many were above the threshold.</summary>
    public static (long Scored, TimeSpan Elapsed, long Above) Measure(IReadOnlyList<Settlement> settlements, ReferenceData reference, OutlierModel model, int rounds)
    {
        var raw = new double[OutlierFeatures.Count];
        var scaled = new double[OutlierFeatures.Count];
        var share = new double[OutlierFeatures.Count];
        var patients = settlements.GroupBy(s => s.PatientId, StringComparer.Ordinal)
            .Select(g => g.Order(Comparer<Settlement>.Create(Settlement.CompareSupplyOrder)).ToArray())
            .ToArray();
        long scored = 0, above = 0;
        var clock = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var history in patients)
            {
                var ledger = new SupplyLedger();
                var quota = new QuotaTracker();
                foreach (var s in history)
                {
                    var facts = new SettlementFacts(s, reference, false, DateOnly.MinValue);
                    OutlierFeatures.Extract(facts, ledger, quota, model.Tables, raw);
                    if (model.Score(raw, scaled) > model.Threshold)
                    {
                        model.Scorer.Explain(scaled, share);
                        above++;
                    }

                    Stack(facts, ledger, quota);
                    scored++;
                }
            }
        }

        return (scored, clock.Elapsed, above);
    }

    private static void Stack(SettlementFacts f, SupplyLedger ledger, QuotaTracker quota)
    {
        var s = f.Settlement;
        decimal drug = 0;
        for (var i = 0; i < s.Lines.Count; i++)
        {
            var l = s.Lines[i];
            if (l.ItemType == ItemType.Drug)
            {
                drug += l.Amount;
                ledger.Stack(f.IngredientOf(i), new SupplyLine(s.SettlementId, s.FacilityId, s.ServiceDate, l.DaysSupply ?? 1, l.ItemCode, l.LineNo));
            }
        }

        quota.Add(s.DiseaseCode, s.ServiceDate, drug);
    }
}
