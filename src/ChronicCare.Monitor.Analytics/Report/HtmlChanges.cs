namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>
/// The compact change table of a breakdown (disease, facility level, region): per group, active patients, total cost
/// and cost per patient, month-on-month and year-on-year, with ▲/▼ and colour; — where there is no base.
/// </summary>
internal static class HtmlChanges
{
    private static readonly ReportMetric[] Metrics = [ReportMetric.ActivePatients, ReportMetric.TotalCost, ReportMetric.PerCapitaCost];

    /// <param name="m">The page.</param>
    /// <param name="group">The first column's heading (Chinese, English).</param>
    /// <param name="rows">Each group's name cell and changes, in the breakdown's order.</param>
    /// <param name="heading">The table's h3 (Chinese, English).</param>
    public static void Table(
        Markup m,
        (string Zh, string En) group,
        IEnumerable<(TableCell Name, IReadOnlyList<MetricChange> Changes)> rows,
        (string Zh, string En) heading) =>
        m.Table(
            [
                new(group.Zh, group.En),
                new("人数环比", "Active MoM", true),
                new("人数同比", "Active YoY", true),
                new("费用环比", "Cost MoM", true),
                new("费用同比", "Cost YoY", true),
                new("人均环比", "Per capita MoM", true),
                new("人均同比", "Per capita YoY", true),
            ],
            rows.Select(r => Row(r.Name, r.Changes)),
            heading: heading);

    private static IReadOnlyList<TableCell> Row(TableCell name, IReadOnlyList<MetricChange> changes)
    {
        var cells = new List<TableCell> { name };
        foreach (var metric in Metrics)
        {
            var c = changes.Single(x => x.Metric == metric);
            cells.Add(Cell(c.MonthOnMonth));
            cells.Add(Cell(c.YearOnYear));
        }

        return cells;
    }

    private static TableCell Cell(decimal? ratio)
    {
        var (text, css) = Formats.Change(ratio);
        return new TableCell(text, Css: css);
    }
}
