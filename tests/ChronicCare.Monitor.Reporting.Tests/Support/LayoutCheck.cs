using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChronicCare.Monitor.Reporting.Tests.Support;

/// <summary>
/// The layout check of a rendered report: a copy of the page with <c>Layout/layout-check.js</c> appended, its DOM
/// dumped by headless Chromium, and what the script measured (every chart drawn, no label outside its chart or on
/// another, nothing wider than its box). Set REPORT_ARTIFACTS to keep the pages.
/// </summary>
internal static partial class LayoutCheck
{
    public static LayoutResult Run(string html, string name, int width)
    {
        var dir = Environment.GetEnvironmentVariable("REPORT_ARTIFACTS") is { Length: > 0 } keep
            ? Directory.CreateDirectory(keep)
            : Directory.CreateTempSubdirectory("chroniccare-report-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, name + ".html"), html);
            var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Layout", "layout-check.js"));
            var checkedPage = Path.Combine(dir.FullName, name + ".check.html");
            File.WriteAllText(checkedPage, html.Replace("</body>", "<script>" + script + "</script></body>", StringComparison.Ordinal));
            var dom = Chromium.DumpDom(checkedPage, width);
            var match = ResultPattern().Matches(dom).LastOrDefault() ?? Match.Empty;
            Xunit.Assert.True(match.Success, "the layout check wrote no result; the page's DOM ends: " + dom[^Math.Min(600, dom.Length)..]);
            return JsonSerializer.Deserialize<LayoutResult>(WebUtility.HtmlDecode(match.Groups[1].Value), JsonOptions)!;
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("REPORT_ARTIFACTS") is not { Length: > 0 })
            {
                dir.Delete(recursive: true);
            }
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    [GeneratedRegex("<pre id=\"layout-check\">(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex ResultPattern();

}

/// <summary>What <c>layout-check.js</c> measured.</summary>
internal sealed record LayoutResult(bool Ok, int Svgs, int Charts, int Empty, int Texts, int Width, IReadOnlyList<string> Problems, int Count);
