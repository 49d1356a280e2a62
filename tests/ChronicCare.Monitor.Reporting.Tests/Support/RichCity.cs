using ChronicCare.Monitor.Analytics;
using System.Globalization;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Integrity;
using static ChronicCare.Monitor.Reporting.Tests.Support.Rows;

namespace ChronicCare.Monitor.Reporting.Tests.Support;

/// <summary>
/// A deterministic, busy province for the rendering checks: 12 diseases (some with very long names), 15 patient
/// regions in two cities, 36 facilities with long names (one with <c>&lt;&amp;"</c>), 13 months of rollups, alerts of
/// every rule in every triage state, sanctions, R12/R13 alerts. <paramref name="costScale"/> multiplies every amount
/// (1000 gives 12-digit yuan totals) to stress the widths of labels and cells.
/// </summary>
internal static class RichCity
{
    public const string Month = "2026-03";

    private static readonly (string Code, string Name, int Cost)[] DiseaseList =
    [
        ("HTN", "高血压", 180),
        ("T2DM", "2型糖尿病", 320),
        ("CHD", "冠心病", 420),
        ("STROKE", "脑卒中后遗症", 380),
        ("COPD", "慢性阻塞性肺疾病", 450),
        ("CKD", "慢性肾脏病（维持性血液透析、腹膜透析治疗）", 5200),
        ("TUMOR", "恶性肿瘤门诊放化疗及靶向药物、内分泌治疗", 7600),
        ("HEP", "慢性病毒性肝炎", 520),
        ("RA", "类风湿关节炎", 560),
        ("PD", "帕金森病", 610),
        ("SCZ", "精神分裂症", 330),
        ("AA", "再生障碍性贫血及其他需长期门诊治疗的血液系统疾病", 2900),
    ];

    private static readonly string[] Regions =
    [
        "320102", "320104", "320105", "320106", "320111", "320113", "320114", "320115", "320116", "320117", "320118",
        "320205", "320206", "320211", "320213",
    ];

    public static InMemoryAnalyticsStore Store(int patients = 2500, long costScale = 1, int seed = 20260331)
    {
        var rng = new Random(seed);
        var s = new InMemoryAnalyticsStore();
        s.Diseases.AddRange(DiseaseList.Select((d, i) => new DiseaseRow(d.Code, d.Name, (long)(d.Cost * DrugShare(i) * 1.9 * 100) * costScale)));
        var facilities = Facilities();
        s.Facilities.AddRange(facilities);

        var first = DateOnly.ParseExact(Month, "yyyy-MM", CultureInfo.InvariantCulture).AddMonths(-13);
        var months = Enumerable.Range(0, 14).Select(i => first.AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToList();
        var people = new List<(string Key, string Region, string[] Diseases)>();
        for (var p = 0; p < patients; p++)
        {
            var key = $"pk_{p * 7919 % 1_000_003:x6}{p % 97:x2}";
            var region = Regions[(int)(Math.Pow(rng.NextDouble(), 1.6) * Regions.Length)];
            var first1 = DiseaseList[(int)(Math.Pow(rng.NextDouble(), 1.8) * DiseaseList.Length)].Code;
            var list = rng.NextDouble() < 0.3 ? new[] { first1, DiseaseList[rng.Next(DiseaseList.Length)].Code }.Distinct().ToArray() : [first1];
            people.Add((key, region, list));
            foreach (var d in list)
            {
                s.Enrolments.Add(Enrol(key, d, region, from: "2024-01-01", until: rng.NextDouble() < 0.05 ? "2025-12-31" : "2027-12-31"));
            }
        }

        for (var mi = 0; mi < months.Count; mi++)
        {
            var month = months[mi];
            var growth = 1 + (0.012 * mi) + (0.04 * Math.Sin(mi));
            foreach (var (key, region, diseases) in people)
            {
                if (rng.NextDouble() > 0.55 + (0.02 * mi))
                {
                    continue;
                }

                foreach (var d in diseases)
                {
                    var index = Array.FindIndex(DiseaseList, x => x.Code == d);
                    var cost = DiseaseList[index].Cost * growth;
                    var drugShare = DrugShare(index);
                    var levels = rng.NextDouble() < 0.25 ? new[] { rng.Next(0, 2), rng.Next(2, 4) } : [rng.Next(0, 4)];
                    foreach (var level in levels)
                    {
                        var amount = cost * (0.4 + (rng.NextDouble() * 1.2)) * (level + 1) / 2.0;
                        if (rng.NextDouble() < 0.004)
                        {
                            amount *= 9; // a heavy user
                        }

                        long Fen(double share) => (long)(amount * share * 100) * costScale;
                        s.PatientMonths.Add(Pm(month, key, d, level, region, 1 + rng.Next(3),
                            drug: Fen(drugShare), exam: Fen((1 - drugShare) * 0.45), treatment: Fen((1 - drugShare) * 0.4), material: Fen((1 - drugShare) * 0.15)));
                    }
                }

                if (rng.NextDouble() < 0.012)
                {
                    var day = 1 + rng.Next(27);
                    s.Stays.Add(Stay($"ST-{month}-{key}", key, $"{month}-{day:00}"));
                }
            }

            foreach (var f in facilities)
            {
                var baseMean = f.Kind switch { "pharmacy" => 260, "clinic" => 180, "community" => 220, _ => 400 + (f.Level * 180) };
                var mean = baseMean * (0.85 + (rng.NextDouble() * 0.3)) * (f.FacilityId is "FH07" or "FC03" ? 2.6 : 1);
                var settlements = 20 + rng.Next(400);
                s.FacilityMonths.Add(Fm(month, f.FacilityId, f.Kind, f.Level, f.Region, settlements, (long)(mean * 100) * costScale));
            }
        }

        AddAlerts(s, rng, people.Select(p => p.Key).ToList());
        return s;
    }

    /// <summary>Each disease its own drug share of cost (dialysis little, tumours and hypertension much).</summary>
    private static double DrugShare(int disease) => 0.4 + (0.45 * ((disease * 7) % 12) / 11.0);

    private static List<FacilityRow> Facilities()
    {
        var list = new List<FacilityRow>();
        string[] districts = ["玄武区", "秦淮区", "建邺区", "鼓楼区", "浦口区", "栖霞区", "雨花台区", "江宁区", "六合区", "溧水区", "高淳区", "锡山区"];
        for (var i = 0; i < 12; i++)
        {
            var region = Regions[i % Regions.Length];
            var city = region.StartsWith("3202", StringComparison.Ordinal) ? "无锡市" : "南京市";
            list.Add(new FacilityRow($"FH{i + 1:00}", $"{city}{districts[i]}第{i + 1}人民医院（{districts[(i + 3) % 12]}分院）慢性病综合管理门诊部", "hospital", 1 + (i % 3), region));
            list.Add(new FacilityRow($"FC{i + 1:00}", $"{districts[i]}{districts[(i + 5) % 12]}街道社区卫生服务中心", "community", i % 2, region));
            list.Add(new FacilityRow($"FP{i + 1:00}", i == 4 ? "<b>\"康健\" & 大药房</b>连锁" : $"{districts[i]}百姓大药房连锁有限公司第{i + 11}分店", "pharmacy", 0, region));
        }

        return list;
    }

    private static void AddAlerts(InMemoryAnalyticsStore s, Random rng, List<string> keys)
    {
        var rules = Enumerable.Range(1, 15).Select(i => $"R{i:00}").ToList();
        var n = 0;
        foreach (var rule in rules)
        {
            var count = rule switch { "R01" => 260, "R02" => 120, "R11" => 90, "R12" => 0, "R13" => 0, _ => rng.Next(0, 45) };
            for (var i = 0; i < count; i++)
            {
                var key = keys[rng.Next(keys.Count)];
                var id = $"{rule}:S{++n:00000}";
                var status = rng.NextDouble() < 0.08 ? AlertStatus.Withdrawn : AlertStatus.Open;
                var severity = rule is "R03" or "R05" or "R06" or "R07" or "R14" ? Severity.High : rule is "R04" or "R10" or "R15" ? Severity.Low : Severity.Medium;
                s.Alerts.Add(Alert(id, rule, $"2026-03-{1 + rng.Next(28):00}T10:00:00+08:00", status, severity, patient: key));
                var roll = rng.NextDouble();
                if (roll < 0.35)
                {
                    s.Decisions.Add(Decide(id, key, ReviewVerdict.Confirm, $"2026-03-29T{8 + rng.Next(10):00}:00:00+08:00"));
                }
                else if (roll < 0.55)
                {
                    s.Decisions.Add(Decide(id, key, ReviewVerdict.Dismiss, $"2026-03-29T{8 + rng.Next(10):00}:00:00+08:00"));
                }
            }
        }

        s.Alerts.Add(Alert("R12:FH07:2026-03", "R12", "2026-03-01T00:00:00+08:00", facility: "FH07", period: Month));
        s.Alerts.Add(Alert("R12:FC03:2026-03", "R12", "2026-03-01T00:00:00+08:00", facility: "FC03", period: Month));
        var top = s.PatientMonths.Where(p => p.Month == Month).GroupBy(p => (p.PatientKey, p.DiseaseCode))
            .OrderByDescending(g => g.Sum(p => p.TotalFen)).Take(3).ToList();
        foreach (var g in top)
        {
            s.Alerts.Add(Alert($"R13:{g.Key.PatientKey}:{g.Key.DiseaseCode}:{Month}", "R13", "2026-03-01T00:00:00+08:00",
                patient: g.Key.PatientKey, period: Month, evidence: $"{{\"disease_code\":\"{g.Key.DiseaseCode}\"}}"));
        }

        var kinds = Enum.GetValues<ActionKind>();
        for (var i = 0; i < 60; i++)
        {
            var kind = kinds[Math.Min(kinds.Length - 1, (int)(Math.Pow(rng.NextDouble(), 2) * kinds.Length))];
            s.Actions.Add(Action($"ACT{i:000}", keys[rng.Next(keys.Count)], kind, $"2026-03-{1 + rng.Next(28):00}T12:00:00+08:00", automatic: kind is ActionKind.Warning or ActionKind.Suspend));
        }
    }
}
