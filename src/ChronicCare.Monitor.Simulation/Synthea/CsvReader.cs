using System.Text;

namespace ChronicCare.Monitor.Simulation.Synthea;

/// <summary>
/// A small RFC 4180 reader: comma-separated fields, optional double quotes around a field, a doubled quote
/// inside a quoted field is one quote, and a quoted field may hold commas and line breaks. CRLF or LF ends a record.
/// </summary>
internal static class CsvReader
{
    public static List<string[]> Parse(TextReader reader)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var atFieldStart = true;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            var ch = (char)c;
            any = true;
            if (quoted)
            {
                if (ch != '"')
                {
                    field.Append(ch);
                }
                else if (reader.Peek() == '"')
                {
                    reader.Read();
                    field.Append('"');
                }
                else
                {
                    quoted = false;
                }

                continue;
            }

            switch (ch)
            {
                case '"' when atFieldStart:
                    quoted = true;
                    atFieldStart = false;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    break;
                case '\r' when reader.Peek() == '\n':
                    break;
                case '\n':
                case '\r':
                    fields.Add(field.ToString());
                    field.Clear();
                    rows.Add([.. fields]);
                    fields.Clear();
                    atFieldStart = true;
                    any = false;
                    break;
                default:
                    field.Append(ch);
                    atFieldStart = false;
                    break;
            }
        }

        if (any)
        {
            fields.Add(field.ToString());
            rows.Add([.. fields]);
        }

        return rows;
    }

    public static List<string[]> Parse(string text)
    {
        using var reader = new StringReader(text);
        return Parse(reader);
    }
}
