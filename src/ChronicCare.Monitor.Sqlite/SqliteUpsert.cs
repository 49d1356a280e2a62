using Microsoft.Data.Sqlite;

namespace ChronicCare.Monitor.Sqlite;

/// <summary>
/// How rows of one type are written to one table: the columns, what happens when the key is already there, and each
/// row's values in column order. Parameters are named after the columns, so one prepared command serves every row.
/// </summary>
internal sealed class SqliteUpsert<T>
{
    private readonly string[] _columns;
    private readonly Func<T, object?[]> _values;

    private SqliteUpsert(string sql, string[] columns, Func<T, object?[]> values)
    {
        Sql = sql;
        _columns = columns;
        _values = values;
    }

    public string Sql { get; }

    /// <summary>Immutable per key: a row written again replaces the stored one (the same facts, or a correction).</summary>
    public static SqliteUpsert<T> Replace(string table, string[] columns, Func<T, object?[]> values) =>
        new($"INSERT OR REPLACE INTO {table} ({string.Join(", ", columns)}) VALUES ({Parameters(columns)})", columns, values);

    /// <summary>
    /// A versioned record (alert, action, decision): the row replaces the stored one unless that one has a higher
    /// <c>version</c>, so a replayed older record never brings back what a later one replaced. A tie goes to the later
    /// write, as ClickHouse's ReplacingMergeTree resolves it.
    /// </summary>
    public static SqliteUpsert<T> LatestWins(string table, string key, string[] columns, Func<T, object?[]> values)
    {
        var set = string.Join(", ", columns.Where(c => c != key).Select(c => $"{c} = excluded.{c}"));
        return new(
            $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({Parameters(columns)}) ON CONFLICT ({key}) DO UPDATE SET {set} WHERE excluded.version >= {table}.version",
            columns,
            values);
    }

    /// <summary>An upsert whose conflict clause is spelled out (a stay merged from its admission and discharge).</summary>
    public static SqliteUpsert<T> Custom(string table, string[] columns, string onConflict, Func<T, object?[]> values) =>
        new($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({Parameters(columns)}) {onConflict}", columns, values);

    /// <summary>Writes <paramref name="rows"/> with one prepared command inside <paramref name="tx"/>.</summary>
    public void Write(SqliteConnection connection, SqliteTransaction tx, IReadOnlyList<T> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = Sql;
        var parameters = _columns.Select(c => command.Parameters.Add(new SqliteParameter("$" + c, null))).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            var values = _values(row);
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }
    }

    private static string Parameters(string[] columns) => string.Join(", ", columns.Select(c => "$" + c));
}
