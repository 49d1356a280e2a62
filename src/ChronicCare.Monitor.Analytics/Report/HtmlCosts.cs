namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>The cost sections: structure, by disease, by facility level, by region, and the 13-month trend.</summary>
internal static class HtmlCosts
{
    private static readonly ChartSeries[] Split =
    [
        new("药品费 Drug", ChartColors.Drug),
        new("检查费 Exams", ChartColors.Exam),
        new("治疗费 Treatment", ChartColors.Treatment),
        new("材料费 Material", ChartColors.Material),
    ];

    public static void Write(Markup m, MonthlyReport r)
    {
        WriteStructure(m, r);
        WriteDiseases(m, r);
        WriteLevels(m, r);
        WriteRegions(m, r);
        WriteTrend(m, r);
    }

    private static void WriteStructure(Markup m, MonthlyReport r)
    {
        m.Chapter("cost-structure", "二、费用结构", "Cost structure");
        var groups = new List<(string Label, CostFigures Figures)> { ("全部 All", r.Headline) };
        groups.AddRange(r.ByDisease.Select(d => (d.Name, d.Figures)));
        var rows = groups
            .Where(g => g.Figures.ActivePatients > 0)
            .Select(g => new BarRow(
                g.Label,
                [Yuan(g.Figures.PerCapitaDrugFen), Yuan(g.Figures.PerCapitaExamFen), Yuan(g.Figures.PerCapitaTreatmentFen), Yuan(g.Figures.PerCapitaMaterialFen)],
                Formats.Yuan(g.Figures.PerCapitaFen)))
            .ToList();
        m.Figure(
            HBarChart.Render("月人均费用构成 Cost per patient by item", Split, rows, "月人均费用（元）Cost per active patient (yuan)", shares: true),
            "月人均费用构成（药品、检查、治疗、材料），全部及各病种。Cost per active patient by item: all patients and each disease.");
        if (r.Headline.ActivePatients == 0)
        {
            m.Empty("费用构成 Cost structure");
        }
        else
        {
            m.Table(
                [
                    new("人群", "Population"),
                    new("人均药品费", "Drug (yuan)", true),
                    new("人均检查费", "Exams (yuan)", true),
                    new("人均治疗费", "Treatment (yuan)", true),
                    new("人均材料费", "Material (yuan)", true),
                    new("药占比", "Drug share", true),
                ],
                groups.Where(g => g.Figures.ActivePatients > 0).Select(g => (IReadOnlyList<TableCell>)
                [
                    g.Label,
                    Formats.Yuan(g.Figures.PerCapitaDrugFen),
                    Formats.Yuan(g.Figures.PerCapitaExamFen),
                    Formats.Yuan(g.Figures.PerCapitaTreatmentFen),
                    Formats.Yuan(g.Figures.PerCapitaMaterialFen),
                    Formats.Percent(g.Figures.TotalFen == 0 ? null : (decimal)g.Figures.DrugFen / g.Figures.TotalFen),
                ]));
        }

        m.EndChapter();
    }

    private static void WriteDiseases(Markup m, MonthlyReport r)
    {
        m.Chapter("by-disease", "三、病种分析", "By disease");
        var unit = ChartUnit.For(r.ByDisease.Select(d => d.Figures.TotalFen).DefaultIfEmpty(0).Max() / 100.0);
        var rows = r.ByDisease
            .Where(d => d.Figures.TotalFen > 0)
            .Select(d => new BarRow(d.Name, [unit.Scale(d.Figures.TotalFen)], unit.Label(unit.Scale(d.Figures.TotalFen))))
            .ToList();
        m.Figure(
            HBarChart.Render("各病种医疗总费用 Total cost by disease", [new("医疗总费用 Total cost", ChartColors.Primary)], rows, $"医疗总费用（{unit.Zh}）Total cost ({unit.En})"),
            "各病种医疗总费用。Total cost by disease.");
        if (r.ByDisease.Count == 0)
        {
            m.Empty();
        }
        else
        {
            m.Table(FigureColumns("病种", "Disease", withEnrolled: true), r.ByDisease.Select(d => FigureRow(new TableCell(d.Name, d.DiseaseCode), d.Figures, true)), FigureRow("合计 Total", r.Headline, true));
            HtmlChanges.Table(
                m,
                ("病种", "Disease"),
                r.ByDisease.Select(d => (new TableCell(d.Name, d.DiseaseCode), d.Changes)),
                ("病种环比与同比", "Changes by disease"));
        }

        m.EndChapter();
    }

    private static void WriteLevels(Markup m, MonthlyReport r)
    {
        m.Chapter("by-level", "四、医疗机构级别", "By facility level");
        var columns = r.ByFacilityLevel
            .Select(l => new Column($"{l.NameZh} {l.NameEn}", Yuan(l.Figures.PerCapitaFen), Formats.Yuan(l.Figures.PerCapitaFen)))
            .ToList();
        m.Figure(
            VBarChart.Render("各级别机构月人均费用 Cost per patient by facility level", columns, "月人均费用（元）Cost per patient (yuan)", ChartColors.Primary),
            "各级别医疗机构就诊人员的月人均费用；同一人员在多个级别就诊的各计一次。Cost per patient at each facility level.");
        m.Table(
            FigureColumns("机构级别", "Facility level", withEnrolled: false),
            r.ByFacilityLevel.Select(l => FigureRow(new TableCell(l.NameZh, l.NameEn), l.Figures, false)));
        HtmlChanges.Table(
            m,
            ("机构级别", "Facility level"),
            r.ByFacilityLevel.Select(l => (new TableCell(l.NameZh, l.NameEn), l.Changes)),
            ("级别环比与同比", "Changes by facility level"));
        m.EndChapter();
    }

    private static void WriteRegions(Markup m, MonthlyReport r)
    {
        m.Chapter("by-region", "五、地区分布", "By region");
        if (r.ByRegion.Count == 0)
        {
            m.Empty();
        }
        else
        {
            m.Table(FigureColumns("参保地区", "Patient region", withEnrolled: true), r.ByRegion.Select(g => FigureRow(g.Region, g.Figures, true)), FigureRow("合计 Total", r.Headline, true));
            HtmlChanges.Table(
                m,
                ("参保地区", "Patient region"),
                r.ByRegion.Select(g => (new TableCell(g.Region), g.Changes)),
                ("地区环比与同比", "Changes by region"));
        }

        m.EndChapter();
    }

    private static void WriteTrend(Markup m, MonthlyReport r)
    {
        m.Chapter("trend", "六、近13个月趋势", "13-month trend");
        m.Figure(
            TrendChart.Render("近13个月医疗总费用、统筹基金支付与就诊人数 13-month trend", r.Trend),
            "折线：医疗总费用与统筹基金支付（左轴）；柱：就诊人数（右轴）。Lines: total and fund-paid cost (left axis); bars: active patients (right axis).");
        m.Table(
            [new("月份", "Month"), new("医疗总费用", "Total cost (yuan)", true), new("统筹基金支付", "Fund paid (yuan)", true), new("就诊人数", "Active patients", true)],
            r.Trend.Select(t => (IReadOnlyList<TableCell>)[t.Month, Formats.Yuan(t.TotalFen), Formats.Yuan(t.FundFen), Formats.Count(t.ActivePatients)]));
        m.EndChapter();
    }

    private static double Yuan(decimal? fen) => fen is { } f ? (double)f / 100.0 : 0;

    private static TableColumn[] FigureColumns(string zh, string en, bool withEnrolled)
    {
        var columns = new List<TableColumn> { new(zh, en) };
        if (withEnrolled)
        {
            columns.Add(new("参保人数", "Enrolled", true));
        }

        columns.AddRange(
        [
            new("就诊人数", "Active", true),
            new("结算人次", "Settlements", true),
            new("医疗总费用", "Total (yuan)", true),
            new("统筹支付", "Fund (yuan)", true),
            new("月人均费用", "Per capita (yuan)", true),
            new("住院率", "Hosp. rate", true),
        ]);
        return [.. columns];
    }

    private static IReadOnlyList<TableCell> FigureRow(TableCell name, CostFigures f, bool withEnrolled)
    {
        var cells = new List<TableCell> { name };
        if (withEnrolled)
        {
            cells.Add(Formats.Count(f.EnrolledPatients));
        }

        cells.AddRange(
        [
            Formats.Count(f.ActivePatients),
            Formats.Count(f.Settlements),
            Formats.Yuan(f.TotalFen),
            Formats.Yuan(f.FundFen),
            Formats.Yuan(f.PerCapitaFen),
            Formats.Percent(f.HospitalisationRate),
        ]);
        return cells;
    }
}
