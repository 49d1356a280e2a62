using System.Text.Json.Nodes;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.Rules;

namespace ChronicCare.Monitor.Analytics.MonthClose;

/// <summary>
/// R12 and R13 judged from the analytics store (issue 5): refresh the month's rollups from the settlements not
/// reversed, judge them with the same calculators <c>detect</c> uses, and diff against the month's R12/R13 alerts
/// already in the store: new or changed ones are emitted open, ones that no longer hold are emitted withdrawn. Run
/// during the month it is provisional (the evidence says so) and later runs withdraw what stopped holding; run after
/// the month it is the close. Deterministic ids, so running it twice emits nothing new.
/// </summary>
public sealed class MonthCloser
{
    private readonly IAnalyticsStore _store;
    private readonly DetectionPolicy _policy;
    private readonly TimeProvider _time;

    public MonthCloser(IAnalyticsStore store, DetectionPolicy policy, TimeProvider time)
    {
        _store = store;
        _policy = policy;
        _time = time;
    }

    /// <param name="month"><c>yyyy-MM</c>.</param>
    /// <param name="patientIds">Patient id by pseudonym key, for R13's subject; a key it lacks stays the subject (the patient is not enrolled).</param>
    /// <param name="provisional">True while the month is still running.</param>
    public async Task<MonthCloseResult> CloseAsync(string month, IReadOnlyDictionary<string, string> patientIds, bool provisional, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(patientIds);
        Months.Parse(month);
        await _store.RefreshRollupsAsync(month, ct).ConfigureAwait(false);
        var facilities = await _store.FacilityMonthsAsync(month, ct).ConfigureAwait(false);
        var patients = await _store.PatientMonthsAsync(month, ct).ConfigureAwait(false);
        var now = _time.GetUtcNow();

        var judged = CostOutlierAlerts.For(month, FacilityMonths(facilities), PatientMonths(patients, patientIds), _policy, now);
        if (provisional)
        {
            judged = judged.Select(a => a with { EvidenceJson = MarkProvisional(a.EvidenceJson) }).ToList();
        }

        var before = (await _store.PeriodAlertsAsync(month, ct).ConfigureAwait(false)).ToDictionary(a => a.AlertId, StringComparer.Ordinal);
        var emit = new List<Alert>();
        foreach (var a in judged)
        {
            if (!before.TryGetValue(a.AlertId, out var prev) || !prev.SameContent(a))
            {
                emit.Add(a);
            }
        }

        var open = judged.Select(a => a.AlertId).ToHashSet(StringComparer.Ordinal);
        var withdrawn = before.Values.Where(a => a.Status == AlertStatus.Open && !open.Contains(a.AlertId))
            .OrderBy(a => a.AlertId, StringComparer.Ordinal)
            .Select(a => a with { Status = AlertStatus.Withdrawn, DetectedAt = now })
            .ToList();
        emit.AddRange(withdrawn);
        if (emit.Count > 0)
        {
            var batch = new AnalyticsBatch();
            batch.Alerts.AddRange(emit);
            await _store.WriteAsync(batch, ct).ConfigureAwait(false);
        }

        return new MonthCloseResult(month, provisional, facilities.Count, patients.Select(p => p.PatientKey).Distinct(StringComparer.Ordinal).Count(),
            judged.Count(a => a.Rule == "R12"), judged.Count(a => a.Rule == "R13"), emit.Count - withdrawn.Count, withdrawn.Count, emit);
    }

    /// <summary>R12's input: facilities whose kind and level the recorder knew (an unknown facility has no peer group).</summary>
    public static IEnumerable<FacilityMonth> FacilityMonths(IEnumerable<FacilityMonthRow> rows)
    {
        foreach (var r in rows)
        {
            if (ContractNames.FacilityKind(r.Kind) is { } kind && r.Level >= 0 && r.Region.Length >= 4 && r.Settlements > 0)
            {
                yield return new FacilityMonth(r.FacilityId, kind, r.Level, r.Region[..4], checked((int)r.Settlements), r.TotalFen / 100m);
            }
        }
    }

    /// <summary>R13's input: one total per patient and disease (the rollup splits it by facility level).</summary>
    public static IEnumerable<PatientDiseaseMonth> PatientMonths(IEnumerable<PatientMonthRow> rows, IReadOnlyDictionary<string, string> patientIds) =>
        rows.GroupBy(r => (r.PatientKey, r.DiseaseCode))
            .Select(g => new PatientDiseaseMonth(patientIds.GetValueOrDefault(g.Key.PatientKey, g.Key.PatientKey), g.Key.DiseaseCode, g.Sum(r => r.TotalFen) / 100m));

    /// <summary>The evidence with <c>"provisional": true</c> first, so a reviewer sees it before the figures.</summary>
    private static string MarkProvisional(string evidence)
    {
        var marked = new JsonObject { ["provisional"] = true };
        foreach (var (name, value) in JsonNode.Parse(evidence)!.AsObject().ToList())
        {
            marked[name] = value?.DeepClone();
        }

        return marked.ToJsonString(ContractJson.SerializerOptions);
    }
}
