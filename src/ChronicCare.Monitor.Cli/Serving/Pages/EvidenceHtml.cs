using System.Text;
using System.Text.Json;

namespace ChronicCare.Monitor.Cli.Serving.Pages;

/// <summary>
/// An alert's evidence (a JSON object, contract §4) for a reader: objects as term lists, lists of flat objects (lines,
/// prior supplies) as tables, other lists inline. Every value is escaped; nesting deeper than a few levels shows as JSON.
/// </summary>
internal static class EvidenceHtml
{
    private const int MaxDepth = 5;

    public static string Render(string evidenceJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(evidenceJson);
            var sb = new StringBuilder();
            Value(sb, doc.RootElement, 0);
            return sb.ToString();
        }
        catch (JsonException)
        {
            return $"<pre class=\"key\">{Html.E(evidenceJson)}</pre>";
        }
    }

    private static void Value(StringBuilder sb, JsonElement v, int depth)
    {
        if (depth > MaxDepth)
        {
            sb.Append("<span class=\"key\">").Append(Html.E(v.GetRawText())).Append("</span>");
            return;
        }

        switch (v.ValueKind)
        {
            case JsonValueKind.Object:
                sb.Append("<dl class=\"evidence\">");
                foreach (var p in v.EnumerateObject())
                {
                    sb.Append("<dt>").Append(Html.E(p.Name)).Append("</dt><dd>");
                    Value(sb, p.Value, depth + 1);
                    sb.Append("</dd>");
                }

                sb.Append("</dl>");
                break;
            case JsonValueKind.Array when IsTable(v):
                Table(sb, v);
                break;
            case JsonValueKind.Array:
                var first = true;
                foreach (var item in v.EnumerateArray())
                {
                    sb.Append(first ? "" : ", ");
                    first = false;
                    Value(sb, item, depth + 1);
                }

                if (first)
                {
                    sb.Append("<span class=\"note\">（无 none）</span>");
                }

                break;
            case JsonValueKind.String:
                sb.Append(Html.E(v.GetString()));
                break;
            case JsonValueKind.Null:
                sb.Append("<span class=\"note\">—</span>");
                break;
            case JsonValueKind.True:
                sb.Append("是 <small>true</small>");
                break;
            case JsonValueKind.False:
                sb.Append("否 <small>false</small>");
                break;
            default:
                sb.Append("<span class=\"key\">").Append(Html.E(v.GetRawText())).Append("</span>");
                break;
        }
    }

    /// <summary>A non-empty list of objects whose values are all scalars.</summary>
    private static bool IsTable(JsonElement array) =>
        array.GetArrayLength() > 0 && array.EnumerateArray().All(o => o.ValueKind == JsonValueKind.Object
            && o.EnumerateObject().All(p => p.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)));

    private static void Table(StringBuilder sb, JsonElement array)
    {
        var columns = array.EnumerateArray().SelectMany(o => o.EnumerateObject().Select(p => p.Name)).Distinct(StringComparer.Ordinal).ToList();
        sb.Append("<table><thead><tr>");
        foreach (var c in columns)
        {
            sb.Append("<th class=\"key\">").Append(Html.E(c)).Append("</th>");
        }

        sb.Append("</tr></thead><tbody>");
        foreach (var o in array.EnumerateArray())
        {
            sb.Append("<tr>");
            foreach (var c in columns)
            {
                sb.Append("<td>");
                if (o.TryGetProperty(c, out var cell))
                {
                    Value(sb, cell, MaxDepth);
                }

                sb.Append("</td>");
            }

            sb.Append("</tr>");
        }

        sb.Append("</tbody></table>");
    }
}
