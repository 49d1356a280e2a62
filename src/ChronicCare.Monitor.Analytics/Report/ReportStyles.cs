namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>
/// The report's inline stylesheet: CJK font stack (Debian: fonts-noto-cjk or fonts-wqy-zenhei), A4 print with
/// sections, tables and charts kept whole, charts scaling to the page width. No external resource. Contains no
/// <c>&lt;</c> or <c>&amp;</c>, so the page stays well-formed XML.
/// </summary>
internal static class ReportStyles
{
    public const string FontStack =
        "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"WenQuanYi Zen Hei\", \"WenQuanYi Micro Hei\", \"PingFang SC\", \"Microsoft YaHei\", sans-serif";

    public const string Css = """
        @page { size: A4; margin: 14mm 12mm; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { font-family: FONTS; color: #1f2933; background: #fff; font-size: 13px; line-height: 1.5;
               max-width: 980px; margin: 0 auto; padding: 18px 22px 28px; }
        header.report-head { border-bottom: 3px solid #2f6fb0; padding-bottom: 8px; margin-bottom: 6px; }
        h1 { font-size: 22px; margin: 0 0 4px; line-height: 1.3; }
        h1 small, h2 small, h3 small { font-weight: normal; color: #5f6b78; font-size: 0.62em; margin-left: 0.4em; }
        h1 small { display: block; margin-left: 0; font-size: 0.6em; }
        h3 small { font-size: 0.8em; }
        h2 { font-size: 17px; border-left: 4px solid #2f6fb0; padding-left: 8px; margin: 26px 0 10px; line-height: 1.35; }
        h3 { font-size: 14px; margin: 14px 0 6px; }
        h2, h3, .chapter > p { break-after: avoid; page-break-after: avoid; }
        p { margin: 4px 0 8px; }
        .meta { color: #3e4c59; margin: 2px 0; }
        .meta b { color: #1f2933; }
        .note { color: #5f6b78; font-size: 11.5px; }
        .empty { color: #5f6b78; background: #f7f9fb; border: 1px dashed #c9d2dc; border-radius: 6px; padding: 10px 12px; text-align: center; }
        .chapter { break-inside: auto; }
        section, figure, table, .kpis, .kpi { break-inside: avoid; page-break-inside: avoid; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        figure { margin: 8px 0 14px; }
        figure svg { display: block; width: 100%; height: auto; }
        svg text { font-family: FONTS; }
        figcaption { font-size: 11.5px; color: #5f6b78; margin-top: 2px; }
        table { width: 100%; border-collapse: collapse; font-size: 12px; margin: 6px 0 14px; }
        th, td { border-bottom: 1px solid #dde3ea; padding: 4px 6px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        th { background: #eef3f8; font-weight: 600; vertical-align: bottom; word-break: keep-all; overflow-wrap: normal; }
        th small { display: block; font-weight: normal; color: #5f6b78; font-size: 10px; overflow-wrap: normal; }
        th.n { text-align: right; }
        td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; overflow-wrap: normal; }
        td small { display: block; color: #5f6b78; font-size: 10.5px; }
        td.key { font-family: "DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace; font-size: 11px; word-break: break-all; }
        tr.total td { font-weight: 600; border-top: 1.5px solid #8a96a3; }
        .up { color: #c0392b; }
        .down { color: #1e8449; }
        .flat { color: #5f6b78; }
        td.flagged { color: #c0392b; font-weight: 600; white-space: nowrap; }
        .kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(max(165px, 22%), 1fr)); gap: 8px; margin: 8px 0 12px; }
        .kpi { border: 1px solid #dde3ea; border-radius: 6px; padding: 8px 10px; min-width: 0; background: #fbfcfd; }
        .kpi .label { font-size: 12px; color: #3e4c59; }
        .kpi .label small { display: block; color: #5f6b78; font-size: 10.5px; }
        .kpi .value { font-size: 19px; font-weight: 600; font-variant-numeric: tabular-nums; line-height: 1.35; }
        .kpi .num { white-space: nowrap; }
        .kpi .value.long { font-size: 15px; }
        .kpi .unit { font-size: 11px; color: #5f6b78; font-weight: normal; margin-left: 2px; }
        .kpi .chg { font-size: 11px; white-space: nowrap; }
        footer { break-inside: avoid; page-break-inside: avoid; margin-top: 24px; border-top: 1px solid #dde3ea; padding-top: 8px; font-size: 11.5px; color: #5f6b78; }
        footer ul { margin: 4px 0; padding-left: 18px; }
        @media screen and (max-width: 680px) {
          body { padding: 10px 8px; }
          table { font-size: 10.5px; }
          th, td { padding: 3px 3px; }
          td.n { white-space: normal; overflow-wrap: anywhere; }
        }
        @media print {
          body { max-width: none; padding: 0; font-size: 10pt; }
          h2 { margin-top: 18px; }
          .kpis { grid-template-columns: repeat(4, minmax(0, 1fr)); }
          .kpi .value { font-size: 15px; }
          .kpi .value.long { font-size: 12.5px; }
          td small { display: inline; margin-left: 0.4em; }
          th, td { padding: 2px 5px; }
        }
        """;

    public static string Sheet => Css.Replace("FONTS", FontStack, StringComparison.Ordinal);
}
