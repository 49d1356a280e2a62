using System.Globalization;
using System.Text;
using ChronicCare.Monitor.Outliers;

namespace ChronicCare.Monitor.Modeling.Odds;

/// <summary>The benchmark's figures per table, with the mean over the tables that have published figures.</summary>
internal sealed class OddsBenchmarkResult(OddsBenchmarkOptions options, IReadOnlyList<OddsTableResult> tables)
{
    private static readonly string[] Header =
        ["table", "rows", "anomalies %", "IF ROC-AUC (ours)", "IF published", "PCA ROC-AUC (ours)", "PCA published", "IF AP", "PCA AP"];

    public OddsBenchmarkOptions Options { get; } = options;

    public IReadOnlyList<OddsTableResult> Tables { get; } = tables;

    /// <summary>The tables that have published figures.</summary>
    public IReadOnlyList<OddsTableResult> Published => [.. Tables.Where(t => t.Published is not null)];

    public double MeanIfRocAuc => Published.Average(t => t.IfRocAuc);

    public double MeanPcaRocAuc => Published.Average(t => t.PcaRocAuc);

    public string Markdown()
    {
        var b = new StringBuilder();
        b.Append("| ").AppendJoin(" | ", Header).AppendLine(" |");
        b.Append("|---|").AppendJoin(string.Empty, Enumerable.Repeat("--:|", Header.Length - 1)).AppendLine();
        foreach (var row in Rows())
        {
            b.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        }

        b.AppendLine();
        foreach (var line in Notes())
        {
            b.AppendLine(line).AppendLine();
        }

        return b.ToString();
    }

    /// <summary>The same table aligned in columns for a terminal.</summary>
    public void Print(TextWriter o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var rows = Rows();
        var widths = Enumerable.Range(0, Header.Length).Select(c => rows.Append(Header).Max(r => r[c].Length)).ToArray();
        void Line(string[] cells) => o.WriteLine(string.Join("  ", cells.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        Line(Header);
        Line([.. widths.Select(w => new string('-', w))]);
        foreach (var row in rows)
        {
            Line([.. row.Select(cell => cell.Replace("**", string.Empty, StringComparison.Ordinal))]);
        }

        o.WriteLine();
        foreach (var line in Notes())
        {
            o.WriteLine(line);
        }
    }

    private List<string[]> Rows()
    {
        var rows = new List<string[]>();
        var published = Published;
        foreach (var t in published)
        {
            rows.Add(Row(t));
        }

        if (published.Count > 0)
        {
            var label = published.Count == OddsPublished.Tables.Count ? "mean of the six" : $"mean of {published.Count} of the six";
            rows.Add(
            [
                $"**{label}**", string.Empty, string.Empty,
                $"**{F(MeanIfRocAuc)}**", F(published.Average(t => t.Published!.Value.IsolationForest)),
                $"**{F(MeanPcaRocAuc)}**", F(published.Average(t => t.Published!.Value.Pca)),
                F(published.Average(t => t.IfAp)), F(published.Average(t => t.PcaAp)),
            ]);
        }

        foreach (var t in Tables.Where(t => t.Published is null))
        {
            rows.Add(Row(t));
        }

        return rows;
    }

    private static string[] Row(OddsTableResult t) =>
    [
        OddsPublished.Note(t.Table) is null ? t.Table : $"{t.Table} ¹",
        t.Rows.ToString("N0", CultureInfo.InvariantCulture),
        (100 * t.AnomalyShare).ToString("F1", CultureInfo.InvariantCulture),
        F(t.IfRocAuc),
        t.Published is { } p ? F(p.IsolationForest) : "–",
        F(t.PcaRocAuc),
        t.Published is { } q ? F(q.Pca) : "–",
        F(t.IfAp),
        F(t.PcaAp),
    ];

    private IEnumerable<string> Notes()
    {
        var o = Options;
        yield return string.Create(
            CultureInfo.InvariantCulture,
            $"Protocol: PyOD's, {o.Splits} random {100 * (1 - o.TestShare):F0}/{100 * o.TestShare:F0} train/test splits (seed {o.Seed}), means over the splits of ROC-AUC and average precision on the test part; "
            + $"what ships is benched: {nameof(RobustScaler)} (median, IQR/1.349 or its fallbacks) fitted on the train part, then Isolation Forest ({o.Trees} trees, ψ = {o.SampleSize}) "
            + $"or PCA ({PcaDescription(o)}); PyOD's published figures standardised with z-scores instead.");
        foreach (var t in Tables)
        {
            if (OddsPublished.Note(t.Table) is { } note)
            {
                yield return $"¹ {t.Table}: {note}.";
            }
        }
    }

    private static string PcaDescription(OddsBenchmarkOptions o) => o.Pca.Mode switch
    {
        PcaScoreMode.Mahalanobis => o.Pca.Components is null && o.Pca.VarianceFraction >= 1
            ? "every component of non-zero variance, projection² / variance: the Mahalanobis distance; variances floored at 10⁻³ of the largest, a floor chosen while looking at cardio"
            : FormattableString.Invariant($"projection² / variance over the components up to {o.Pca.Components?.ToString(CultureInfo.InvariantCulture) ?? $"{100 * o.Pca.VarianceFraction:F0}% of the variance"}"),
        _ => FormattableString.Invariant($"reconstruction error outside the components up to {o.Pca.Components?.ToString(CultureInfo.InvariantCulture) ?? $"{100 * o.Pca.VarianceFraction:F0}% of the variance"}"),
    };

    private static string F(double v) => v.ToString("F3", CultureInfo.InvariantCulture);
}
