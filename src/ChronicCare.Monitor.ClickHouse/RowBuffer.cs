namespace ChronicCare.Monitor.ClickHouse;

/// <summary>
/// The rows of one table waiting for a flush, the latest per id. Keyed by id so that a commit retried after a failed
/// flush replaces its rows rather than piling up copies while ClickHouse is down; resolved as ReplacingMergeTree
/// resolves rows (the higher version wins, a tie goes to the later one) so the buffer never keeps what the table
/// would discard.
/// </summary>
internal sealed class RowBuffer
{
    private readonly Dictionary<string, Row> _rows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _rows.Count;
            }
        }
    }

    public void Put(string id, ulong version, byte[] json)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue(id, out var held) || version >= held.Version)
            {
                _rows[id] = new Row(version, json);
            }
        }
    }

    /// <summary>The rows held now as one JSONEachRow body; null when there are none.</summary>
    public Batch? Take()
    {
        lock (_gate)
        {
            if (_rows.Count == 0)
            {
                return null;
            }

            var taken = _rows.ToArray();
            var body = new byte[taken.Sum(kv => kv.Value.Json.Length + 1)];
            var at = 0;
            foreach (var (_, row) in taken)
            {
                row.Json.CopyTo(body, at);
                at += row.Json.Length;
                body[at++] = (byte)'\n';
            }

            return new Batch(taken, body);
        }
    }

    /// <summary>Forgets the rows of a batch ClickHouse accepted, except those replaced by a newer row meanwhile.</summary>
    public void Remove(Batch written)
    {
        lock (_gate)
        {
            foreach (var (id, row) in written.Rows)
            {
                if (_rows.TryGetValue(id, out var held) && ReferenceEquals(held, row))
                {
                    _rows.Remove(id);
                }
            }
        }
    }

    /// <summary>A row as buffered; compared by reference to tell it from a newer row of the same id.</summary>
    internal sealed class Row(ulong version, byte[] json)
    {
        public ulong Version { get; } = version;

        public byte[] Json { get; } = json;
    }

    internal sealed class Batch(KeyValuePair<string, Row>[] rows, byte[] body)
    {
        public IReadOnlyList<KeyValuePair<string, Row>> Rows { get; } = rows;

        public byte[] Body { get; } = body;
    }
}
