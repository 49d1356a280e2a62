namespace ChronicCare.Monitor.Simulation.Synthea;

/// <summary>A CSV file read whole: the header row names the columns, the other rows are data.</summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string name, string[] header, List<string[]> rows)
    {
        Name = name;
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            _columns.TryAdd(header[i].Trim(), i);
        }

        Rows = rows;
    }

    public string Name { get; }

    public IReadOnlyList<string[]> Rows { get; }

    public static CsvTable Load(string path)
    {
        using var reader = new StreamReader(path);
        var rows = CsvReader.Parse(reader);
        if (rows.Count == 0)
        {
            throw new InvalidDataException($"{path}: empty CSV (no header row)");
        }

        var header = rows[0];
        rows.RemoveAt(0);
        rows.RemoveAll(r => r.Length == 1 && r[0].Length == 0);
        return new CsvTable(Path.GetFileName(path), header, rows);
    }

    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>The column's index; a required column that is missing makes the file bad input.</summary>
    public int Column(string column) =>
        _columns.TryGetValue(column, out var i) ? i : throw new InvalidDataException($"{Name}: missing column {column}");

    public static string Get(string[] row, int column) => column < row.Length ? row[column].Trim() : string.Empty;
}
