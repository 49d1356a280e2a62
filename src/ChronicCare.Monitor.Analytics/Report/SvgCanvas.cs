using System.Text;

namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>
/// Collects the elements of one SVG chart in viewBox units (the chart scales to its container's width) and writes
/// them as an inline <c>&lt;svg&gt;</c> with a title for screen readers. Every text is escaped.
/// </summary>
internal sealed class SvgCanvas(double width)
{
    private readonly StringBuilder body = new();

    public double Width { get; } = width;

    public SvgCanvas Rect(double x, double y, double w, double h, string fill, string? extra = null)
    {
        body.Append("<rect x=\"").Append(Formats.Coord(x)).Append("\" y=\"").Append(Formats.Coord(y))
            .Append("\" width=\"").Append(Formats.Coord(Math.Max(0, w))).Append("\" height=\"").Append(Formats.Coord(Math.Max(0, h)))
            .Append("\" fill=\"").Append(fill).Append('"');
        if (extra is not null)
        {
            body.Append(' ').Append(extra);
        }

        body.Append(" />");
        return this;
    }

    public SvgCanvas Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1, string? extra = null)
    {
        body.Append("<line x1=\"").Append(Formats.Coord(x1)).Append("\" y1=\"").Append(Formats.Coord(y1))
            .Append("\" x2=\"").Append(Formats.Coord(x2)).Append("\" y2=\"").Append(Formats.Coord(y2))
            .Append("\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(Formats.Coord(strokeWidth)).Append('"');
        if (extra is not null)
        {
            body.Append(' ').Append(extra);
        }

        body.Append(" />");
        return this;
    }

    public SvgCanvas Polyline(IEnumerable<(double X, double Y)> points, string stroke, double strokeWidth)
    {
        body.Append("<polyline fill=\"none\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(Formats.Coord(strokeWidth))
            .Append("\" stroke-linejoin=\"round\" points=\"")
            .AppendJoin(' ', points.Select(p => Formats.Coord(p.X) + "," + Formats.Coord(p.Y)))
            .Append("\" />");
        return this;
    }

    public SvgCanvas Circle(double cx, double cy, double r, string fill)
    {
        body.Append("<circle cx=\"").Append(Formats.Coord(cx)).Append("\" cy=\"").Append(Formats.Coord(cy))
            .Append("\" r=\"").Append(Formats.Coord(r)).Append("\" fill=\"").Append(fill).Append("\" stroke=\"#fff\" stroke-width=\"1\" />");
        return this;
    }

    /// <summary>A text at baseline <paramref name="y"/>; <paramref name="tooltip"/> (the untruncated text) becomes its &lt;title&gt;.</summary>
    public SvgCanvas Text(
        double x, double y, string text, double fontSize, string anchor = "start", string fill = "#1f2933", string? tooltip = null, bool bold = false, bool halo = false)
    {
        body.Append("<text x=\"").Append(Formats.Coord(x)).Append("\" y=\"").Append(Formats.Coord(y))
            .Append("\" font-size=\"").Append(Formats.Coord(fontSize)).Append('"');
        if (anchor != "start")
        {
            body.Append(" text-anchor=\"").Append(anchor).Append('"');
        }

        body.Append(" fill=\"").Append(fill).Append('"');
        if (bold)
        {
            body.Append(" font-weight=\"600\"");
        }

        if (halo)
        {
            // a white outline under the glyphs keeps a label readable over bars and lines
            body.Append(" stroke=\"#fff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"");
        }

        body.Append('>');
        if (tooltip is not null && tooltip != text)
        {
            body.Append("<title>").Append(HtmlText.Escape(tooltip)).Append("</title>");
        }

        body.Append(HtmlText.Escape(text)).Append("</text>");
        return this;
    }

    /// <summary>The finished chart, <paramref name="height"/> units tall.</summary>
    public string ToSvg(string label, double height, string css = "chart")
    {
        var sb = new StringBuilder(body.Length + 256);
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").Append(css).Append("\" viewBox=\"0 0 ")
            .Append(Formats.Coord(Width)).Append(' ').Append(Formats.Coord(height))
            .Append("\" preserveAspectRatio=\"xMidYMin meet\" role=\"img\" aria-label=\"").Append(HtmlText.Escape(label)).Append("\">")
            .Append("<title>").Append(HtmlText.Escape(label)).Append("</title>")
            .Append(body)
            .Append("</svg>");
        return sb.ToString();
    }
}
