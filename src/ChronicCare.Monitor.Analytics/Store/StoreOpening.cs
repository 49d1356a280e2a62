namespace ChronicCare.Monitor.Analytics.Store;

/// <summary>Opening a store for use: its migrations applied, and nothing left open when they fail.</summary>
public static class StoreOpening
{
    /// <summary>Applies <paramref name="store"/>'s migrations and returns it; disposes it and rethrows when they fail.</summary>
    public static async Task<T> MigratedAsync<T>(T store, CancellationToken ct)
        where T : IAnalyticsStore
    {
        ArgumentNullException.ThrowIfNull(store);
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
}
