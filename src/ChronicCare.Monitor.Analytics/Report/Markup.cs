namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>A column of an HTML table: Chinese heading, English subtitle, numeric (right-aligned) or not.</summary>
internal sealed record TableColumn(string Zh, string En, bool Numeric = false);

/// <summary>A table cell: its text, an optional second line, a CSS class and a tooltip.</summary>
internal sealed record TableCell(string Text, string? Sub = null, string? Css = null, string? Title = null)
{
    public static implicit operator TableCell(string text) => new(text);
}

/// <summary>
/// Writes XHTML-compatible markup: every text escaped, every element closed. Pages break between blocks
/// (<c>&lt;section class="block"&gt;</c>), never inside one; a chapter's heading and notes are held back and written
/// into its first block, so they never end a page alone.
/// </summary>
internal sealed class Markup
{
    private readonly TextWriter output;
    private TextWriter w;
    private StringWriter? lead;

    public Markup(TextWriter output)
    {
        this.output = output;
        w = output;
    }

    public Markup Raw(string html)
    {
        w.Write(html);
        return this;
    }

    public Markup Text(string? text)
    {
        w.Write(HtmlText.Escape(text));
        return this;
    }

    public Markup Open(string tag, string? css = null, string? attributes = null)
    {
        w.Write('<');
        w.Write(tag);
        if (css is not null)
        {
            w.Write(" class=\"");
            w.Write(HtmlText.Escape(css));
            w.Write('"');
        }

        if (attributes is not null)
        {
            w.Write(' ');
            w.Write(attributes);
        }

        w.Write('>');
        return this;
    }

    public Markup Close(string tag)
    {
        w.Write("</");
        w.Write(tag);
        w.Write('>');
        return this;
    }

    public Markup Element(string tag, string? text, string? css = null) => Open(tag, css).Text(text).Close(tag);

    /// <summary><c>&lt;hN&gt;中文 &lt;small&gt;English&lt;/small&gt;&lt;/hN&gt;</c>.</summary>
    public Markup Heading(int level, string zh, string en)
    {
        var tag = "h" + level.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Open(tag).Text(zh).Raw(" ").Element("small", en).Close(tag).Line();
    }

    public Markup Line()
    {
        w.Write('\n');
        return this;
    }

    /// <summary>Opens a chapter (<c>&lt;div class="chapter"&gt;</c>); its h2 and what follows until the first block go into that block.</summary>
    public Markup Chapter(string id, string zh, string en)
    {
        Open("div", "chapter", "id=\"" + HtmlText.Escape(id) + "\"").Line();
        lead = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        w = lead;
        return Heading(2, zh, en);
    }

    public Markup EndChapter()
    {
        if (lead is not null)
        {
            Block().EndBlock();
        }

        return Close("div").Line();
    }

    /// <summary>Opens a block kept on one page, starting with the chapter's held-back heading and notes.</summary>
    public Markup Block()
    {
        w = output;
        Open("section", "block");
        if (lead is not null)
        {
            w.Write(lead.ToString());
            lead.Dispose();
            lead = null;
        }

        return this;
    }

    public Markup EndBlock() => Close("section").Line();

    /// <summary>A chart with its caption, kept on one page (<c>&lt;section class="block"&gt;</c>).</summary>
    public Markup Figure(string svg, string caption) =>
        Block().Open("figure").Raw(svg).Element("figcaption", caption).Close("figure").EndBlock();

    public Markup Empty(string? what = null) =>
        Block().Element("p", what is null ? EmptyChart.Message : what + " — " + EmptyChart.Message, "empty").EndBlock();

    /// <summary>A table (with its h3 heading when given), kept on one page (<c>&lt;section class="block"&gt;</c>).</summary>
    public Markup Table(
        IReadOnlyList<TableColumn> columns,
        IEnumerable<IReadOnlyList<TableCell>> rows,
        IReadOnlyList<TableCell>? total = null,
        (string Zh, string En)? heading = null)
    {
        Block();
        if (heading is { } h)
        {
            Heading(3, h.Zh, h.En);
        }

        Open("table").Open("thead").Open("tr");
        foreach (var col in columns)
        {
            Open("th", col.Numeric ? "n" : null, "scope=\"col\"").Text(col.Zh).Element("small", col.En).Close("th");
        }

        Close("tr").Close("thead").Line().Open("tbody");
        foreach (var row in rows)
        {
            Row(columns, row, null);
        }

        if (total is not null)
        {
            Row(columns, total, "total");
        }

        return Close("tbody").Close("table").EndBlock();
    }

    private void Row(IReadOnlyList<TableColumn> columns, IReadOnlyList<TableCell> row, string? css)
    {
        Open("tr", css);
        for (var i = 0; i < row.Count; i++)
        {
            var cell = row[i];
            var cls = string.Join(' ', new[] { i < columns.Count && columns[i].Numeric ? "n" : null, cell.Css }.Where(c => c is not null));
            Open("td", cls.Length == 0 ? null : cls, cell.Title is null ? null : "title=\"" + HtmlText.Escape(cell.Title) + "\"").Text(cell.Text);
            if (cell.Sub is not null)
            {
                Element("small", cell.Sub);
            }

            Close("td");
        }

        Close("tr").Line();
    }
}
