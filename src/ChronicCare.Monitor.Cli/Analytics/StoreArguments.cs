using System.CommandLine;
using ChronicCare.Monitor.ClickHouse;

namespace ChronicCare.Monitor.Cli.Analytics;

/// <summary>
/// The analytics-store options shared by <c>detect</c>, <c>record</c>, <c>close-month</c>, <c>triage</c> and
/// <c>report</c>: <c>--store FILE</c> (SQLite, the embedded default) or <c>--clickhouse URL</c> (the scaled one), and
/// where the pseudonym key comes from.
/// </summary>
internal sealed class StoreArguments
{
    private readonly Option<string?> _store = new("--store") { Description = "SQLite analytics store file (the embedded default; created and migrated if missing)" };
    private readonly Option<string?> _clickHouse = new("--clickhouse") { Description = "ClickHouse HTTP URL of the analytics store instead (e.g. http://127.0.0.1:8123)" };
    private readonly Option<string> _database = new("--clickhouse-database") { Description = "ClickHouse database of the analytics tables", DefaultValueFactory = _ => ClickHouseOptions.DefaultDatabase };
    private readonly Option<string?> _keyFile = new("--pseudonym-key") { Description = $"File holding the hex key that pseudonymises patient ids (default: ${Monitor.Analytics.Recording.Pseudonymizer.KeyVariable}, else FILE.key beside a SQLite store, created on first use)" };

    public void AddTo(Command command)
    {
        command.Options.Add(_store);
        command.Options.Add(_clickHouse);
        command.Options.Add(_database);
        command.Options.Add(_keyFile);
    }

    /// <summary>The choice made; null when neither store was named and <paramref name="required"/> is false.</summary>
    public StoreChoice? Read(ParseResult pr, bool required)
    {
        var sqlite = pr.GetValue(_store);
        var url = pr.GetValue(_clickHouse);
        if (sqlite is not null && url is not null)
        {
            throw new ArgumentException("--store and --clickhouse name two stores: give one");
        }

        if (sqlite is null && url is null)
        {
            return required ? throw new ArgumentException("an analytics store is required: --store FILE (SQLite) or --clickhouse URL") : null;
        }

        var clickHouse = url is null ? null : new ClickHouseOptions { Url = ClickHouseOptions.ParseUrl(url), Database = pr.GetValue(_database)! }.Validate();
        return new StoreChoice(sqlite, clickHouse, pr.GetValue(_keyFile));
    }
}
