namespace ChronicCare.Monitor.Cli.Serving.Pages;

/// <summary>The page's inline stylesheet (the report's font stack and colours; no external resource, no script).</summary>
internal static class PageStyles
{
    public const string Css = """
        * { box-sizing: border-box; }
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", sans-serif;
               color: #1f2933; background: #fff; font-size: 13px; line-height: 1.5; max-width: 1100px; margin: 0 auto; padding: 0 22px 28px; }
        header.bar { display: flex; align-items: baseline; justify-content: space-between; flex-wrap: wrap; gap: 8px;
                     border-bottom: 3px solid #2f6fb0; padding: 12px 0 8px; margin-bottom: 10px; }
        header.bar h1 { font-size: 20px; margin: 0; }
        header.bar h1 a { color: inherit; text-decoration: none; }
        header.bar nav { display: flex; align-items: baseline; gap: 12px; color: #3e4c59; }
        header.bar nav form { display: inline; }
        h1 small, h2 small, h3 small, th small, label small, button small { font-weight: normal; color: #5f6b78; font-size: 0.75em; margin-left: 0.3em; }
        h2 { font-size: 16px; border-left: 4px solid #2f6fb0; padding-left: 8px; margin: 22px 0 8px; }
        h3 { font-size: 14px; margin: 14px 0 6px; }
        a { color: #1d5b99; }
        table { width: 100%; border-collapse: collapse; font-size: 12px; margin: 6px 0 12px; }
        th, td { border-bottom: 1px solid #dde3ea; padding: 4px 6px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        th { background: #eef3f8; font-weight: 600; }
        table.meta th { width: 190px; background: #f7f9fb; }
        .key { font-family: "DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace; font-size: 11.5px; }
        .note { color: #5f6b78; font-size: 11.5px; }
        .empty { color: #5f6b78; background: #f7f9fb; border: 1px dashed #c9d2dc; border-radius: 6px; padding: 8px 12px; }
        .flash { border-radius: 6px; padding: 8px 12px; margin: 8px 0; background: #e8f5ec; border: 1px solid #9fd3ad; }
        .error { border-radius: 6px; padding: 8px 12px; margin: 8px 0; background: #fdecea; border: 1px solid #f0a8a0; color: #8a1f11; }
        .sev-high { color: #c0392b; font-weight: 600; }
        .sev-medium { color: #b9770e; }
        .messages p { margin: 2px 0; }
        form.filters { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: flex-end; background: #f7f9fb; border: 1px solid #dde3ea;
                       border-radius: 6px; padding: 8px 10px; }
        form.filters label, form.decide label { display: flex; flex-direction: column; font-size: 12px; color: #3e4c59; }
        input, select, textarea, button { font: inherit; }
        input, select, textarea { border: 1px solid #b8c4d0; border-radius: 4px; padding: 3px 6px; }
        textarea { width: 100%; min-height: 54px; }
        button { border: 1px solid #2f6fb0; background: #2f6fb0; color: #fff; border-radius: 4px; padding: 4px 12px; cursor: pointer; }
        button small { color: #dce8f4; }
        button.secondary { background: #fff; color: #1d5b99; }
        button.secondary small { color: #5f6b78; }
        button.danger { background: #c0392b; border-color: #c0392b; }
        form.decide { background: #f7f9fb; border: 1px solid #dde3ea; border-radius: 6px; padding: 10px 12px; display: grid; gap: 8px; }
        form.decide .buttons { display: flex; gap: 10px; }
        form.inline { display: flex; gap: 6px; align-items: center; }
        form.inline input[type=text] { width: 180px; }
        dl.evidence { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0; }
        dl.evidence dt { font-family: "DejaVu Sans Mono", monospace; font-size: 11.5px; color: #3e4c59; }
        dl.evidence dd { margin: 0; }
        dl.evidence dl.evidence { border-left: 2px solid #dde3ea; padding-left: 8px; }
        ol.ladder { list-style: none; display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; padding: 0; margin: 8px 0 12px; }
        ol.ladder li { border: 1px solid #dde3ea; border-radius: 6px; padding: 8px 10px; background: #fbfcfd; }
        ol.ladder li .when { font-size: 11.5px; color: #5f6b78; }
        ol.ladder li .what { font-weight: 600; }
        ol.ladder li .state { display: inline-block; margin-top: 4px; font-size: 11.5px; border-radius: 10px; padding: 0 8px; background: #eef1f4; color: #5f6b78; }
        ol.ladder li[data-state=pending] { border-color: #e0a030; background: #fff8e8; }
        ol.ladder li[data-state=pending] .state { background: #e0a030; color: #fff; }
        ol.ladder li[data-state=in_force] { border-color: #c0392b; background: #fdf0ee; }
        ol.ladder li[data-state=in_force] .state { background: #c0392b; color: #fff; }
        ol.ladder li[data-state=ended] .state { background: #8a96a3; color: #fff; }
        .count { font-size: 15px; margin: 4px 0; }
        .count b { font-size: 19px; }
        tr.pending td { background: #fff8e8; }
        """;
}
