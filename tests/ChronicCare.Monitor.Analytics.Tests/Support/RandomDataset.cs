using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Analytics.Tests.Support;

/// <summary>
/// A seeded random quarter (January to March 2026) of one city, as the batches a recorder would write, in an order
/// that exercises the stores: reference rows first (some patients' enrolment sets restated later, the first batch
/// replayed late), settlements in chunks with some reversals written before their settlement and some after, stays
/// split into admission and discharge rows (some discharges first), alerts written open and later withdrawn (and
/// some old records replayed late), actions whose later version moves effective_from, and review decisions. Text
/// carries Chinese, quotes, backslashes and newlines; event times sit near midnight.
/// </summary>
internal sealed class RandomDataset
{
    public static readonly string[] Months = ["2026-01", "2026-02", "2026-03"];

    private static readonly string[] Kinds = ["hospital", "community", "clinic", "pharmacy"];
    private static readonly string[] Regions = ["320703", "320706", "320707"];
    private static readonly string[] Diseases = ["M01", "M02", "M03", "M04", "M05"];
    private static readonly string[] DiseaseNames = ["高血压", "糖尿病", "冠心病", "慢性阻塞性肺疾病", "恶性肿瘤门诊放化疗"];
    private static readonly string[] Texts = ["重复开药", "引号\"双\"与'单'", "反斜杠\\路径", "换行\n第二行", "制表\t分隔", "plain"];

    private readonly Random _random;
    private readonly List<AnalyticsBatch> _batches = [];
    private readonly List<FacilityRow> _facilities;
    private readonly List<(string Key, string Region)> _patients;

    public RandomDataset(int seed, int settlements)
    {
        _random = new Random(seed);
        _facilities = [.. Enumerable.Range(1, 12).Select(i => new FacilityRow($"F{i:000}", $"第{i}医疗机构 \"{Pick(Texts)}\"", Pick(Kinds), 1 + (i % 3), Pick(Regions)))];
        _patients = [.. Enumerable.Range(1, 400).Select(i => ($"K{i:0000}", Pick(Regions)))];

        Reference();
        var written = Settlements(settlements);
        Stays();
        var alerts = Alerts(written);
        Actions(alerts);
        Decisions(alerts);
    }

    public IReadOnlyList<AnalyticsBatch> Batches => _batches;

    /// <summary>Every settlement written, and the ids reversed at any point.</summary>
    public List<SettlementRow> AllSettlements { get; } = [];

    public HashSet<string> Reversed { get; } = new(StringComparer.Ordinal);

    public List<string> AlertIds { get; } = [];

    public List<string> ActionIds { get; } = [];

    /// <summary>
    /// The reference; then later records of some patients restating their enrolment sets (an approval dropped, a new
    /// one, none left), and the first batch replayed late, which changes no set.
    /// </summary>
    private void Reference()
    {
        var first = Batch(b =>
        {
            b.Facilities.AddRange(_facilities);
            b.Diseases.AddRange(Diseases.Select((code, i) => new DiseaseRow(code, DiseaseNames[i], 10_000 * (i + 1))));
            foreach (var (key, region) in _patients)
            {
                foreach (var disease in Diseases.Where(_ => _random.NextDouble() < 0.3))
                {
                    b.Enrolments.Add(Enrolment(key, disease, region));
                }
            }
        });
        _batches.Add(first);
        _batches.Add(Batch(b =>
        {
            foreach (var (key, region) in _patients.Where(_ => _random.Next(8) == 0))
            {
                b.ReplaceEnrolments(key);
                b.Enrolments.AddRange(first.Enrolments.Where(e => e.PatientKey == key && _random.Next(2) == 0));
                if (_random.Next(3) == 0)
                {
                    b.Enrolments.Add(Enrolment(key, Pick(Diseases), region));
                }
            }
        }));
        _batches.Add(first);
    }

    private EnrolmentRow Enrolment(string key, string disease, string region)
    {
        var start = new DateOnly(2025, 6, 1).AddMonths(_random.Next(0, 12));
        return new EnrolmentRow(key, disease, region, _random.Next(2) == 0 ? "employee" : "resident", start, start.AddMonths(_random.Next(1, 25)).AddDays(-1));
    }

    private List<SettlementRow> Settlements(int count)
    {
        var rows = new List<SettlementRow>();
        for (var i = 1; i <= count; i++)
        {
            var (key, region) = Pick(_patients);
            var facility = Pick(_facilities);
            var day = new DateOnly(2026, 1, 1).AddDays(_random.Next(0, 90));
            var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(_random.Next(0, 24), _random.Next(0, 60), _random.Next(0, 60))), Rows.Beijing);
            long drug = _random.Next(0, 50_000), exam = _random.Next(0, 10_000), treatment = _random.Next(0, 10_000), material = _random.Next(0, 3_000);
            var total = drug + exam + treatment + material;
            var fund = total * _random.Next(50, 91) / 100;
            rows.Add(new SettlementRow(
                $"S{i:000000}", key, region, at, day, facility.FacilityId, facility.Kind, facility.Level, facility.Region, Pick(Diseases), _random.Next(5) == 0,
                total, fund, total - fund, drug, exam, treatment, material));
        }

        AllSettlements.AddRange(rows);
        var reversed = rows.Where(_ => _random.NextDouble() < 0.06).Select(s => s.SettlementId).ToList();
        Reversed.UnionWith(reversed);
        var early = reversed.Where((_, i) => i % 2 == 0).ToList();
        _batches.Add(Batch(b => b.Reversals.AddRange(early.Select(Reversal)))); // before their settlements arrive
        foreach (var chunk in rows.Chunk(500))
        {
            _batches.Add(Batch(b =>
            {
                b.Settlements.AddRange(chunk);
                b.Lines.AddRange(chunk.SelectMany(s => Enumerable.Range(1, _random.Next(1, 4)).Select(n =>
                    new LineRow(s.SettlementId, n, "drug", $"X{_random.Next(100):00}", _random.Next(1, 90) / 3.0, _random.Next(1, 9_000), _random.Next(4) == 0 ? null : _random.Next(7, 91)))));
            }));
        }

        _batches.Add(Batch(b =>
        {
            b.Reversals.AddRange(reversed.Except(early).Select(Reversal));
            b.Reversals.Add(Reversal("S999999")); // a reversal of a settlement never seen
        }));
        return rows;
    }

    private void Stays()
    {
        var admissions = new AnalyticsBatch();
        var discharges = new AnalyticsBatch();
        for (var i = 1; i <= 150; i++)
        {
            var (key, _) = Pick(_patients);
            var facility = Pick(_facilities).FacilityId;
            var admitted = new DateOnly(2025, 12, 20).AddDays(_random.Next(0, 110));
            admissions.Stays.Add(new StayRow($"H{i:0000}", key, facility, admitted, null));
            if (_random.Next(4) != 0)
            {
                discharges.Stays.Add(new StayRow($"H{i:0000}", key, _random.Next(3) == 0 ? null : facility, null, admitted.AddDays(_random.Next(1, 30))));
            }
        }

        _batches.Add(Batch(b => b.Stays.AddRange(discharges.Stays.Where((_, i) => i % 3 == 0)))); // some discharges come first
        _batches.Add(admissions);
        _batches.Add(Batch(b => b.Stays.AddRange(discharges.Stays.Where((_, i) => i % 3 != 0))));
    }

    private List<Alert> Alerts(List<SettlementRow> settlements)
    {
        var opened = new List<Alert>();
        foreach (var s in settlements.Where(_ => _random.NextDouble() < 0.15))
        {
            var rule = $"R{_random.Next(1, 12):00}";

            // Some event times just after midnight Beijing: the previous day (and maybe month) in UTC.
            var eventAt = _random.Next(5) == 0 ? new DateTimeOffset(s.ServiceDate.ToDateTime(new TimeOnly(0, 30)), Rows.Beijing) : s.SettledAt;
            opened.Add(NewAlert(Alert.IdFor(rule, s.SettlementId), rule, s.PatientKey, s.SettlementId, s.FacilityId, null, Format(eventAt), s.SettledAt.AddMinutes(1)));
        }

        foreach (var month in Months)
        {
            var end = Format(new DateTimeOffset(DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
                .AddMonths(1).ToDateTime(TimeOnly.MinValue), Rows.Beijing).AddSeconds(-1));
            var closedAt = DateTimeOffset.ParseExact(end, "yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture).AddHours(3);
            foreach (var f in _facilities.Where(_ => _random.Next(3) == 0))
            {
                opened.Add(NewAlert($"R12:{f.FacilityId}:{month}", "R12", null, null, f.FacilityId, month, end, closedAt));
            }

            foreach (var (key, _) in _patients.Where(_ => _random.Next(40) == 0))
            {
                opened.Add(NewAlert($"R13:{key}:{month}", "R13", key, null, null, month, end, closedAt));
            }
        }

        var withdrawn = opened.Where(_ => _random.Next(5) == 0)
            .Select(a => a with { Status = AlertStatus.Withdrawn, DetectedAt = a.DetectedAt.AddDays(2), MessageEn = "withdrawn: " + a.MessageEn })
            .ToList();
        foreach (var chunk in opened.Chunk(300))
        {
            _batches.Add(Batch(b => b.Alerts.AddRange(chunk)));
        }

        _batches.Add(Batch(b => b.Alerts.AddRange(withdrawn)));
        _batches.Add(Batch(b => b.Alerts.AddRange(opened.Where(_ => _random.Next(10) == 0)))); // old records replayed late
        AlertIds.AddRange(opened.Select(a => a.AlertId));
        return opened;
    }

    private void Actions(List<Alert> alerts)
    {
        var first = new List<IntegrityAction>();
        var patientAlerts = alerts.Where(a => a.PatientId is not null).ToList();
        for (var i = 1; i <= 150; i++)
        {
            var a = Pick(patientAlerts);
            var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, Rows.Beijing).AddHours(_random.Next(0, 90 * 24));
            var reinstate = i % 10 == 0 && first.Count > 0;
            first.Add(new IntegrityAction(
                $"ACT{i:0000}",
                a.PatientId!,
                reinstate ? ActionKind.Reinstate : (ActionKind)_random.Next(0, 6),
                new Timestamp(from),
                _random.Next(3) == 0 ? new Timestamp(from.AddDays(_random.Next(1, 200))) : null,
                a.Rule,
                [.. Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Pick(patientAlerts).AlertId)],
                Automatic: _random.Next(2) == 0,
                DecidedBy: _random.Next(2) == 0 ? null : $"审核员{_random.Next(9)} \"{Pick(Texts)}\"",
                Revokes: reinstate ? first[^1].ActionId : null,
                from.AddMinutes(_random.Next(0, 600)).AddTicks(_random.Next(0, 10_000))));
        }

        var moved = first.Where(_ => _random.Next(6) == 0)
            .Select(a => a with { EffectiveFrom = new Timestamp(a.EffectiveFrom.Value.AddDays(_random.Next(1, 40))), DecidedAt = a.DecidedAt.AddDays(45) })
            .ToList();
        _batches.Add(Batch(b => b.Actions.AddRange(first)));
        _batches.Add(Batch(b => b.Actions.AddRange(moved)));
        _batches.Add(Batch(b => b.Actions.AddRange(first.Where(_ => _random.Next(8) == 0)))); // replayed late
        ActionIds.AddRange(first.Select(a => a.ActionId));
    }

    private void Decisions(List<Alert> alerts) => _batches.Add(Batch(b =>
    {
        foreach (var a in alerts.Where(a => a.PatientId is not null && _random.Next(8) == 0))
        {
            b.Decisions.Add(new ReviewDecision
            {
                PatientId = a.PatientId!,
                Verdict = _random.Next(2) == 0 ? ReviewVerdict.Confirm : ReviewVerdict.Dismiss,
                AlertId = a.AlertId,
                Rule = a.Rule,
                IncidentDate = _random.Next(4) == 0 ? null : DateOnly.FromDateTime(a.DetectedAt.DateTime),
                Finding = (ReviewFinding)_random.Next(0, 3),
                DecidedBy = $"reviewer-{_random.Next(5)}",
                DecidedAt = new Timestamp(a.DetectedAt.AddHours(_random.Next(1, 200))),
                Note = _random.Next(3) == 0 ? null : Pick(Texts),
            });
        }
    }));

    private Alert NewAlert(string id, string rule, string? patient, string? settlement, string? facility, string? period, string eventTime, DateTimeOffset detectedAt) => new(
        id,
        rule,
        AlertStatus.Open,
        (Severity)_random.Next(0, 3),
        patient,
        settlement,
        facility,
        period,
        eventTime,
        detectedAt.AddTicks(_random.Next(0, 10_000)),
        _random.Next(3) == 0 ? null : _random.NextDouble() * 10,
        $$"""{"rule":"{{rule}}","text":{{System.Text.Json.JsonSerializer.Serialize(Pick(Texts))}},"n":{{_random.Next(1000)}}}""",
        $"{Pick(Texts)}：{id}",
        $"alert {id}");

    private static string Format(DateTimeOffset t) => new Timestamp(t).ToString();

    private static AnalyticsBatch Batch(Action<AnalyticsBatch> fill) => Rows.Batch(fill);

    private ReversalRow Reversal(string settlementId) => new(settlementId, new DateTimeOffset(2026, 4, 1, 0, 0, 0, Rows.Beijing).AddMinutes(_random.Next(0, 1000)));

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
