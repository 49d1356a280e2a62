using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChronicCare.Monitor.Dashboards.Tests.Support;

/// <summary>
/// A ClickHouse panel's SQL as Grafana and the <c>grafana-clickhouse-datasource</c> plugin (v4) send it: first the
/// dashboard variables (Grafana's template service: a multi-value selection formatted by <c>:singlequote</c>, "All" as
/// the variable's custom all value unformatted, else as every option), then the plugin's backend macros, expanded
/// exactly as its <c>pkg/macros/macros.go</c> does (<c>toDateTime(unix seconds)</c>).
/// </summary>
internal static partial class GrafanaSql
{
    /// <summary>The time range the tests query: the whole of 2026, UTC.</summary>
    public static readonly DateTimeOffset From = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset To = new(2026, 12, 31, 23, 59, 59, TimeSpan.Zero);

    /// <summary>The query interval Grafana would pick for a year on a wide panel: a day.</summary>
    public const int IntervalSeconds = 86_400;

    private const string AllValue = "$__all";

    /// <summary>
    /// The SQL with variables and macros replaced. <paramref name="selection"/> gives a variable's selected values;
    /// a variable it does not name stands at "All". Anything left that looks like a variable or macro is an error.
    /// </summary>
    public static string Expand(string sql, GrafanaDashboard dashboard, IReadOnlyDictionary<string, string[]>? selection = null)
    {
        var withVariables = VariableReference().Replace(sql, m =>
        {
            var name = m.Groups["braced"].Success ? m.Groups["braced"].Value : m.Groups["plain"].Value;
            if (name.StartsWith("__", StringComparison.Ordinal))
            {
                return m.Value; // a macro or a Grafana global: the backend's business
            }

            var variable = dashboard.Variable(name) ?? throw new InvalidOperationException($"the SQL names ${name}, which the dashboard does not define");
            var format = m.Groups["format"].Success ? m.Groups["format"].Value : null;
            return Interpolate(variable, format, selection is not null && selection.TryGetValue(name, out var values) ? values : null);
        });

        var expanded = ExpandMacros(withVariables);
        var leftover = Leftover().Match(expanded);
        return leftover.Success ? throw new InvalidOperationException($"'{leftover.Value}' is left after expansion: not a variable or macro the tests know") : expanded;
    }

    /// <summary>The values "All" stands for in a variable without a custom all value: its options.</summary>
    public static IReadOnlyList<string> Options(JsonObject variable) =>
        (variable["options"]?.AsArray() ?? []).Select(o => (string?)o!["value"] ?? "").Where(v => v != AllValue).ToList();

    private static string Interpolate(JsonObject variable, string? format, string[]? selected)
    {
        var type = (string?)variable["type"];
        if (type is "textbox" or "constant")
        {
            return (string?)variable["query"] ?? "";
        }

        if (selected is null)
        {
            if ((string?)variable["allValue"] is { Length: > 0 } custom)
            {
                return custom; // Grafana skips formatting of a custom all value
            }

            selected = [.. Options(variable)];
            if (selected.Length == 0)
            {
                throw new InvalidOperationException($"variable {(string?)variable["name"]} has no custom all value and no static options to stand for All");
            }
        }

        return format switch
        {
            "singlequote" => string.Join(',', selected.Select(v => $"'{v.Replace("'", "\\'", StringComparison.Ordinal)}'")),

            // The plugin's own default format (CHDatasource.format): a list as 'a','b', a single value as it is.
            null => selected.Length == 1 ? selected[0] : $"'{string.Join("','", selected)}'",
            _ => throw new NotSupportedException($"variable format :{format} is not one the tests expand"),
        };
    }

    private static string ExpandMacros(string sql)
    {
        var from = DateTime(From);
        var to = DateTime(To);
        var result = new StringBuilder();
        var i = 0;
        while (i < sql.Length)
        {
            var m = Macro().Match(sql, i);
            if (!m.Success)
            {
                result.Append(sql, i, sql.Length - i);
                break;
            }

            result.Append(sql, i, m.Index - i);
            var name = m.Groups["name"].Value;
            var end = m.Index + m.Length;
            IReadOnlyList<string> args = [];
            if (end < sql.Length && sql[end] == '(')
            {
                (args, end) = Arguments(sql, end);
            }

            result.Append(name switch
            {
                "timeFilter" => Between(One(name, args), from, to),
                "dateFilter" => Between(One(name, args), Date(From), Date(To)),
                "timeInterval" => $"toStartOfInterval(toDateTime({One(name, args)}), INTERVAL {IntervalSeconds.ToString(CultureInfo.InvariantCulture)} second)",
                "fromTime" => from,
                "toTime" => to,
                "interval_s" => IntervalSeconds.ToString(CultureInfo.InvariantCulture),
                _ => throw new NotSupportedException($"macro $__{name} is not one the tests expand"),
            });
            i = end;
        }

        return result.ToString();
    }

    /// <summary>The comma-separated arguments of the parenthesis at <paramref name="open"/>, nesting respected.</summary>
    private static (IReadOnlyList<string> Args, int End) Arguments(string sql, int open)
    {
        var args = new List<string>();
        var depth = 0;
        var start = open + 1;
        for (var j = open; j < sql.Length; j++)
        {
            switch (sql[j])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    if (depth == 0)
                    {
                        args.Add(sql[start..j].Trim());
                        return (args, j + 1);
                    }

                    break;
                case ',' when depth == 1:
                    args.Add(sql[start..j].Trim());
                    start = j + 1;
                    break;
            }
        }

        throw new InvalidOperationException($"unclosed macro arguments at {open}");
    }

    private static string One(string macro, IReadOnlyList<string> args) =>
        args.Count == 1 && args[0].Length > 0 ? args[0] : throw new InvalidOperationException($"$__{macro} takes one argument, got {args.Count}");

    private static string Between(string column, string low, string high) => $"{column} >= {low} AND {column} <= {high}";

    private static string DateTime(DateTimeOffset t) => $"toDateTime({t.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)})";

    private static string Date(DateTimeOffset t) => $"toDate('{t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}')";

    [GeneratedRegex(@"\$\{(?<braced>\w+)(?::(?<format>\w+))?\}|\$(?<plain>[A-Za-z_]\w*)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"\$__(?<name>[A-Za-z_]+)")]
    private static partial Regex Macro();

    [GeneratedRegex(@"\$\S*|\[\[\w+\]\]")]
    private static partial Regex Leftover();
}
