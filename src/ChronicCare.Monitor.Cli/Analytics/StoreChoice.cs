using ChronicCare.Monitor.Analytics.Recording;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.ClickHouse;
using ChronicCare.Monitor.ClickHouse.Analytics;
using ChronicCare.Monitor.Files;
using ChronicCare.Monitor.Sqlite;

namespace ChronicCare.Monitor.Cli.Analytics;

/// <summary>One analytics store, opened and migrated, and the key its patient pseudonyms are made with.</summary>
internal sealed record StoreChoice(string? SqlitePath, ClickHouseOptions? ClickHouse, string? KeyFile)
{
    public async Task<IAnalyticsStore> OpenAsync(CancellationToken ct)
    {
        IAnalyticsStore store = ClickHouse is { } ch
            ? new ClickHouseAnalyticsStore(ch)
            : await SqliteAnalyticsStore.OpenAsync(SqlitePath!, ct).ConfigureAwait(false);
        try
        {
            await store.MigrateAsync(ct).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The pseudonym key: <c>--pseudonym-key FILE</c>, else the environment variable, else (SQLite only) the file beside
    /// the store, created with a random key on first use and readable by its owner only. A ClickHouse store shared by
    /// several processes needs the same key everywhere, so it never gets an invented one.
    /// </summary>
    public Pseudonymizer Pseudonyms()
    {
        if (KeyFile is { } file)
        {
            return File.Exists(file) ? Pseudonymizer.FromHex(File.ReadAllText(file)) : throw new InputException($"pseudonym key file not found: {file}");
        }

        if (Environment.GetEnvironmentVariable(Pseudonymizer.KeyVariable) is { Length: > 0 } hex)
        {
            return Pseudonymizer.FromHex(hex);
        }

        if (SqlitePath is null)
        {
            throw new ArgumentException($"a ClickHouse store needs the pseudonym key: set {Pseudonymizer.KeyVariable} or --pseudonym-key FILE");
        }

        var beside = Path.GetFullPath(SqlitePath) + ".key";
        if (!File.Exists(beside))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(beside)!);
            File.WriteAllText(beside, Pseudonymizer.NewKeyHex() + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(beside, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return Pseudonymizer.FromHex(File.ReadAllText(beside));
    }
}
