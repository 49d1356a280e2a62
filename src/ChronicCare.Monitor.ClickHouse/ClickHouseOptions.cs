namespace ChronicCare.Monitor.ClickHouse;

/// <summary>Where alerts and actions go: `run --clickhouse URL --clickhouse-database NAME`; validated at start.</summary>
public sealed record ClickHouseOptions
{
    public const string DefaultDatabase = "chroniccare";

    /// <summary>The HTTP interface, e.g. <c>http://127.0.0.1:8123</c>; its query string may carry <c>user</c> and <c>password</c>.</summary>
    public required Uri Url { get; init; }

    public string Database { get; init; } = DefaultDatabase;

    /// <summary>
    /// Longest wait for one statement (default 10 s): a hung server must fail the commit, not stall it. A commit's
    /// INSERTs are small (the alerts and actions of one batch), and the runtime retries a failed flush 3 times.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The <c>--clickhouse</c> argument as a URL; an <see cref="ArgumentException"/> (a usage error) when it is none.</summary>
    public static Uri ParseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new ArgumentException($"--clickhouse must be an http:// or https:// URL, got '{text}'");

    public ClickHouseOptions Validate()
    {
        ParseUrl(Url.OriginalString);

        if (!ClickHouseSchema.IsValidDatabase(Database))
        {
            throw new ArgumentException($"--clickhouse-database must be letters, digits and underscores (not starting with a digit), got '{Database}'");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("the ClickHouse timeout must be positive");
        }

        return this;
    }
}
