using System.Globalization;

namespace ChronicCare.Monitor.Modeling.Odds;

/// <summary>
/// One ODDS benchmark table as the shared CSV holds it: a header <c>label,v1,…,vN</c>, then per row <c>nominal</c> or
/// <c>anomaly</c> and N finite numbers. A malformed file is an <see cref="InvalidDataException"/> naming file and line.
/// </summary>
internal sealed class OddsTable
{
    private OddsTable(string name, double[][] rows, bool[] anomaly)
    {
        Name = name;
        Rows = rows;
        Anomaly = anomaly;
    }

    /// <summary>The file name without .csv, e.g. <c>cardio</c>.</summary>
    public string Name { get; }

    public IReadOnlyList<double[]> Rows { get; }

    public IReadOnlyList<bool> Anomaly { get; }

    public int Features => Rows[0].Length;

    public double AnomalyShare => (double)Anomaly.Count(a => a) / Anomaly.Count;

    public static OddsTable Load(string path)
    {
        var file = Path.GetFileName(path);
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? throw new InvalidDataException($"{file}: empty file");
        var columns = header.Split(',');
        if (columns[0].Trim() != "label" || columns.Length < 2)
        {
            throw new InvalidDataException($"{file}:1: the header must be label,v1,...,vN");
        }

        var rows = new List<double[]>();
        var anomaly = new List<bool>();
        var lineNo = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != columns.Length)
            {
                throw new InvalidDataException($"{file}:{lineNo}: {fields.Length} fields, the header has {columns.Length}");
            }

            anomaly.Add(fields[0].Trim() switch
            {
                "anomaly" => true,
                "nominal" => false,
                var other => throw new InvalidDataException($"{file}:{lineNo}: label \"{other}\" is neither nominal nor anomaly"),
            });
            var row = new double[fields.Length - 1];
            for (var j = 0; j < row.Length; j++)
            {
                if (!double.TryParse(fields[j + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out row[j]) || !double.IsFinite(row[j]))
                {
                    throw new InvalidDataException($"{file}:{lineNo}: {columns[j + 1].Trim()} \"{fields[j + 1]}\" is not a finite number");
                }
            }

            rows.Add(row);
        }

        var anomalies = anomaly.Count(a => a);
        if (anomalies == 0 || anomalies == anomaly.Count)
        {
            throw new InvalidDataException($"{file}: needs both nominal and anomaly rows (has {anomaly.Count - anomalies} and {anomalies})");
        }

        return new OddsTable(Path.GetFileNameWithoutExtension(path), [.. rows], [.. anomaly]);
    }
}
