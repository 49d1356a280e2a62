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
    public Task<IAnalyticsStore> OpenAsync(CancellationToken ct) => StoreOpening.MigratedAsync<IAnalyticsStore>(
        ClickHouse is { } ch ? new ClickHouseAnalyticsStore(ch) : new SqliteAnalyticsStore(SqlitePath!), ct);

    /// <summary>
    /// The pseudonym key: <c>--pseudonym-key FILE</c>, else the environment variable, else (SQLite only) the file beside
    /// the store, created with a random key on first use and readable by its owner only. A ClickHouse store shared by
    /// several processes needs the same key everywhere, so it never gets an invented one.
    /// </summary>
    public Pseudonymizer Pseudonyms()
    {
        if (KeyFile is { } file)
        {
            return File.Exists(file) ? Parse(File.ReadAllText(file), file) : throw new InputException($"pseudonym key file not found: {file}");
        }

        if (Environment.GetEnvironmentVariable(Pseudonymizer.KeyVariable) is { Length: > 0 } hex)
        {
            return Parse(hex, Pseudonymizer.KeyVariable);
        }

        if (SqlitePath is null)
        {
            throw new ArgumentException($"a ClickHouse store needs the pseudonym key: set {Pseudonymizer.KeyVariable} or --pseudonym-key FILE");
        }

        var beside = Path.GetFullPath(SqlitePath) + ".key";
        if (!File.Exists(beside))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(beside)!);
            CreateKeyFile(beside);
        }

        return Parse(File.ReadAllText(beside), beside);
    }

    /// <summary>
    /// A new random key, readable by its owner only from the moment it exists: written whole to a temporary file, then
    /// moved into place, so another process never reads a half-written key; if one got there first, its key stands.
    /// </summary>
    private static void CreateKeyFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        using (var w = new StreamWriter(temporary, System.Text.Encoding.ASCII, options))
        {
            w.WriteLine(Pseudonymizer.NewKeyHex());
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }

    private static Pseudonymizer Parse(string hex, string source)
    {
        try
        {
            return Pseudonymizer.FromHex(hex);
        }
        catch (ArgumentException e)
        {
            throw new InputException($"{source}: {e.Message}");
        }
    }
}
