using System.Globalization;
using ChronicCare.Monitor.Alerts;

namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>The supervision sections: alerts and triage, sanctions, facilities and patients of high cost, quota use.</summary>
internal static class HtmlOversight
{
    private static readonly ChartSeries[] Triage =
    [
        new("待处理 Untriaged", ChartColors.Untriaged),
        new("已确认 Confirmed", ChartColors.Confirmed),
        new("已排除 Dismissed", ChartColors.Dismissed),
    ];

    public static void Write(Markup m, MonthlyReport r)
    {
        WriteAlerts(m, r);
        WriteSanctions(m, r);
        WriteFacilities(m, r);
        WritePatients(m, r);
        WriteQuota(m, r);
    }

    private static void WriteAlerts(Markup m, MonthlyReport r)
    {
        var a = r.Alerts;
        m.Chapter("alerts", "七、预警情况", "Alerts and triage");
        m.Element(
            "p",
            $"本月预警 {Formats.Count(a.Total.Total)} 条（有效 {Formats.Count(a.Total.Open)}，已撤销 {Formats.Count(a.Total.Withdrawn)}）；"
            + $"待处理 {Formats.Count(a.Total.Untriaged)}，已确认 {Formats.Count(a.Total.Confirmed)}，已排除 {Formats.Count(a.Total.Dismissed)}。"
            + $" Alerts this month: {Formats.Count(a.Total.Total)} ({Formats.Count(a.Total.Open)} open, {Formats.Count(a.Total.Withdrawn)} withdrawn).");
        var rows = a.ByRule
            .Select(x => new BarRow($"{x.Rule} {x.NameZh}", [x.Counts.Untriaged, x.Counts.Confirmed, x.Counts.Dismissed], Formats.Count(x.Counts.Open)))
            .ToList();
        m.Figure(
            HBarChart.Render("各规则有效预警（按处理状态）Open alerts by rule and triage status", Triage, rows, "有效预警（条）Open alerts"),
            "各规则有效预警数，按最新审核结论分为待处理、已确认、已排除；已撤销预警不计入。Open alerts by rule, split by the latest review decision.");
        m.Table(
            [
                new("规则", "Rule"),
                new("待处理", "Untriaged", true),
                new("已确认", "Confirmed", true),
                new("已排除", "Dismissed", true),
                new("已撤销", "Withdrawn", true),
                new("合计", "Total", true),
            ],
            a.ByRule.Select(x => Counts(new TableCell($"{x.Rule} {x.NameZh}", x.Name), x.Counts)),
            Counts("合计 Total", a.Total));
        m.Table(
            [
                new("严重程度", "Severity"),
                new("待处理", "Untriaged", true),
                new("已确认", "Confirmed", true),
                new("已排除", "Dismissed", true),
                new("已撤销", "Withdrawn", true),
                new("合计", "Total", true),
            ],
            a.BySeverity.Select(x => Counts(SeverityName(x.Severity), x.Counts)),
            Counts("合计 Total", a.Total),
            heading: ("按严重程度", "By severity"));
        m.EndChapter();
    }

    private static void WriteSanctions(Markup m, MonthlyReport r)
    {
        var s = r.Sanctions;
        m.Chapter("sanctions", "八、诚信管理措施", "Integrity actions");
        m.Element("p", $"本月生效措施 {Formats.Count(s.Total)} 项：自动 {Formats.Count(s.Automatic)}，人工审核 {Formats.Count(s.ByReviewer)}。Actions effective this month: {Formats.Count(s.Total)}.");
        m.Table(
            [new("措施", "Action"), new("自动", "Automatic", true), new("人工审核", "By reviewer", true), new("合计", "Total", true)],
            s.ByKind.Select(k => (IReadOnlyList<TableCell>)[new TableCell(k.NameZh, k.Name), Formats.Count(k.Automatic), Formats.Count(k.ByReviewer), Formats.Count(k.Total)]),
            ["合计 Total", Formats.Count(s.Automatic), Formats.Count(s.ByReviewer), Formats.Count(s.Total)]);
        m.EndChapter();
    }

    private static void WriteFacilities(Markup m, MonthlyReport r)
    {
        m.Chapter("facilities", "九、高均次费用机构", "Facilities with the highest cost per settlement");
        m.Element(
            "p",
            $"结算不少于 {r.FacilityCriteria.MinSettlements} 人次的机构，次均费用与同类机构次均费用中位数之比，前 {ReportBuilder.TopCount} 名。"
            + $" Facilities with at least {r.FacilityCriteria.MinSettlements} settlements, by mean cost per settlement against their peers' median.",
            "note");
        if (r.TopFacilities.Count == 0)
        {
            m.Empty();
        }
        else
        {
            m.Table(
                [
                    new("#", "Rank", true),
                    new("机构", "Facility"),
                    new("结算人次", "Settlements", true),
                    new("次均费用", "Mean (yuan)", true),
                    new("同类中位数", "Peer median (yuan)", true),
                    new("倍数", "Ratio", true),
                    new("稳健Z", "Robust z", true),
                    new("同类机构", "Peers"),
                    new("R12", "Alert"),
                ],
                r.TopFacilities.Select(f => (IReadOnlyList<TableCell>)
                [
                    f.Rank.ToString(CultureInfo.InvariantCulture),
                    new TableCell(
                        f.Name.Length == 0 ? f.FacilityId : f.Name,
                        $"{f.FacilityId} · {KindName(f.Kind)} · {LevelNames.Zh(f.Level)} · {f.Region}"),
                    Formats.Count(f.Settlements),
                    Formats.Yuan(f.MeanFen),
                    Formats.Yuan(f.PeerMedianFen),
                    Formats.Times(f.Ratio),
                    Formats.Decimal2(f.RobustZ),
                    new TableCell(Formats.Count(f.Peers), f.PeersEverywhere ? "全部地区 all regions" : "同城 same city"),
                    f.R12Alert ? new TableCell("● 预警", Css: "flagged", Title: "本月有 R12 高均次费用预警 open R12 alert") : new TableCell("—", Css: "flat"),
                ]));
        }

        m.EndChapter();
    }

    private static void WritePatients(Markup m, MonthlyReport r)
    {
        m.Chapter("patients", "十、高额费用人员", "Highest-cost patients");
        m.Element(
            "p",
            $"单一病种月费用为该病种全部人员中位数倍数最高的前 {ReportBuilder.TopCount} 名（人员以假名化编号显示）。"
            + " Patient-disease month totals with the highest multiple of the disease's median (R13's measure); patients by pseudonymised key only.",
            "note");
        if (r.TopPatients.Count == 0)
        {
            m.Empty();
        }
        else
        {
            m.Table(
                [
                    new("#", "Rank", true),
                    new("人员编号", "Patient key"),
                    new("病种", "Disease"),
                    new("月费用", "Month total (yuan)", true),
                    new("病种中位数", "Disease median (yuan)", true),
                    new("倍数", "Ratio", true),
                    new("病种人数", "Patients", true),
                    new("R13", "Alert"),
                ],
                r.TopPatients.Select(p => (IReadOnlyList<TableCell>)
                [
                    p.Rank.ToString(CultureInfo.InvariantCulture),
                    new TableCell(p.PatientKey, Css: "key"),
                    new TableCell(p.DiseaseName, p.DiseaseCode),
                    Formats.Yuan(p.TotalFen),
                    Formats.Yuan(p.DiseaseMedianFen),
                    Formats.Times(p.Ratio),
                    Formats.Count(p.DiseasePatients),
                    p.R13Alert ? new TableCell("● 预警", Css: "flagged", Title: "本月有 R13 高额费用预警 open R13 alert") : new TableCell("—", Css: "flat"),
                ]));
        }

        m.EndChapter();
    }

    private static void WriteQuota(Markup m, MonthlyReport r)
    {
        m.Chapter("quota", "十一、限额使用", "Drug quota use");
        m.Element("p", "每人每病种本月药品费与该病种月度限额比较（长处方季度限额不在此折算）。Each patient's drug spending under a disease this month against the disease's monthly quota.", "note");
        if (r.QuotaUse.Count == 0)
        {
            m.Empty();
        }
        else
        {
            m.Table(
                [
                    new("病种", "Disease"),
                    new("月度限额", "Quota (yuan)", true),
                    new("用药人数", "Patients", true),
                    new("人均药品费", "Mean drug (yuan)", true),
                    new("均值/限额", "Mean / quota", true),
                    new("超限额人数", "Over quota", true),
                    new("超限额占比", "Share over", true),
                ],
                r.QuotaUse.Select(q => (IReadOnlyList<TableCell>)
                [
                    new TableCell(q.Name, q.DiseaseCode),
                    q.QuotaFen > 0 ? Formats.Yuan(q.QuotaFen) : Formats.None,
                    Formats.Count(q.PatientsWithDrug),
                    Formats.Yuan(q.MeanDrugFen),
                    Formats.Percent(q.MeanToQuota),
                    Formats.Count(q.OverQuota),
                    new TableCell(Formats.Percent(q.OverQuotaShare), Css: q.OverQuota > 0 ? "up" : null),
                ]));
        }

        m.EndChapter();
    }

    private static IReadOnlyList<TableCell> Counts(TableCell name, AlertCounts c) =>
        [name, Formats.Count(c.Untriaged), Formats.Count(c.Confirmed), Formats.Count(c.Dismissed), Formats.Count(c.Withdrawn), Formats.Count(c.Total)];

    private static TableCell SeverityName(Severity s) => s switch
    {
        Severity.High => new TableCell("高", "High"),
        Severity.Medium => new TableCell("中", "Medium"),
        _ => new TableCell("低", "Low"),
    };

    private static string KindName(string kind) => kind switch
    {
        "hospital" => "医院",
        "community" => "社区卫生服务机构",
        "clinic" => "诊所",
        "pharmacy" => "药店",
        _ => kind,
    };
}
