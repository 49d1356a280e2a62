using System.Globalization;
using System.Text;
using System.Text.Json;
using ChronicCare.Monitor.Rules;

namespace ChronicCare.Monitor.Cli.Evaluation;

/// <summary>
/// Scores open alerts against the simulator's labels. A label expects each of its rules on each of its
/// settlements; an alert (rule, settlement) matching no label is a false positive. Per pattern, recall is the
/// share of the pattern's expected (rule, settlement) pairs alerted. R12/R13 match on facility/patient + period; a
/// model-only pattern (a label with no rules) expects R15 on its settlements.
/// </summary>
internal sealed record LabelEvaluation(IReadOnlyList<RuleScore> ByRule, IReadOnlyList<RuleScore> ByPattern, long Settlements)
{
    public static LabelEvaluation Score(IReadOnlyList<Label> labels, IEnumerable<AlertKey> openAlerts, long settlements)
    {
        var expected = new HashSet<AlertKey>();
        var byPattern = new Dictionary<string, HashSet<AlertKey>>(StringComparer.Ordinal);
        foreach (var l in labels)
        {
            var set = byPattern.TryGetValue(l.Pattern, out var s) ? s : byPattern[l.Pattern] = [];
            foreach (var rule in l.ExpectedRules)
            {
                foreach (var key in KeysOf(l, rule))
                {
                    expected.Add(key);
                    set.Add(key);
                }
            }
        }

        var alerts = openAlerts.ToHashSet();
        var per10k = settlements > 0 ? 10_000.0 / settlements : 0;
        var rules = RuleCatalog.Codes
            .Select(code =>
            {
                var e = expected.Count(k => k.Rule == code);
                var a = alerts.Count(k => k.Rule == code);
                var tp = alerts.Count(k => k.Rule == code && expected.Contains(k));
                return new RuleScore(code, RuleCatalog.Name(code), e, a, tp, a * per10k);
            })
            .Where(r => r.Expected > 0 || r.Alerts > 0)
            .ToList();
        var patterns = byPattern.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new RuleScore(kv.Key, labels.Count(l => l.Pattern == kv.Key).ToString(CultureInfo.InvariantCulture) + " labels",
                kv.Value.Count, kv.Value.Count(alerts.Contains), kv.Value.Count(alerts.Contains), 0))
            .ToList();
        return new LabelEvaluation(rules, patterns, settlements);
    }

    private static IEnumerable<AlertKey> KeysOf(Label l, string rule) => rule switch
    {
        "R12" => [new AlertKey(rule, $"{l.FacilityId}:{l.Period}")],
        "R13" => [new AlertKey(rule, $"{l.PatientId}:{l.Period}")],
        _ => l.SettlementIds.Select(s => new AlertKey(rule, s)),
    };

    public void Print(TextWriter o)
    {
        o.WriteLine($"{"rule",-4} {"name",-26} {"expected",9} {"alerts",8} {"TP",8} {"precision",9} {"recall",7} {"F1",6} {"per 10k",8}");
        foreach (var r in ByRule)
        {
            o.WriteLine($"{r.Key,-4} {r.Name,-26} {r.Expected,9:N0} {r.Alerts,8:N0} {r.TruePositives,8:N0} {Pct(r.Precision),9} {Pct(r.Recall),7} {Pct(r.F1),6} {r.PerTenThousand,8:F1}");
        }

        o.WriteLine();
        o.WriteLine($"{"pattern",-32} {"labels",-12} {"expected",8} {"caught",8} {"recall",7}");
        foreach (var p in ByPattern)
        {
            o.WriteLine($"{p.Key,-32} {p.Name,-12} {p.Expected,8:N0} {p.TruePositives,8:N0} {(p.Expected == 0 ? "model" : Pct(p.Recall)),7}");
        }
    }

    public string Markdown()
    {
        var b = new StringBuilder();
        b.AppendLine(CultureInfo.InvariantCulture, $"# Evaluation against labels ({Settlements:N0} settlements)").AppendLine();
        b.AppendLine("| rule | name | expected | alerts | TP | precision | recall | F1 | alerts per 10k settlements |");
        b.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in ByRule)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"| {r.Key} | {r.Name} | {r.Expected} | {r.Alerts} | {r.TruePositives} | {Pct(r.Precision)} | {Pct(r.Recall)} | {Pct(r.F1)} | {r.PerTenThousand:F1} |");
        }

        b.AppendLine().AppendLine("| pattern | labels | expected (rule, subject) | caught | recall |").AppendLine("|---|---|---:|---:|---:|");
        foreach (var p in ByPattern)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"| {p.Key} | {p.Name} | {p.Expected} | {p.TruePositives} | {(p.Expected == 0 ? "model only" : Pct(p.Recall))} |");
        }

        return b.ToString();
    }

    public string Json() => JsonSerializer.Serialize(
        new
        {
            settlements = Settlements,
            rules = ByRule.Select(r => new { rule = r.Key, name = r.Name, expected = r.Expected, alerts = r.Alerts, true_positives = r.TruePositives, precision = r.Precision, recall = r.Recall, f1 = r.F1, alerts_per_10k = r.PerTenThousand }),
            patterns = ByPattern.Select(p => new { pattern = p.Key, expected = p.Expected, caught = p.TruePositives, recall = p.Recall }),
        },
        new JsonSerializerOptions { WriteIndented = true });

    private static string Pct(double? v) => v is { } x ? x.ToString("P1", CultureInfo.InvariantCulture) : "-";
}

/// <summary>An alert's subject as labels name it: rule and settlement id (or facility/patient + period for R12/R13).</summary>
internal readonly record struct AlertKey(string Rule, string Subject);
