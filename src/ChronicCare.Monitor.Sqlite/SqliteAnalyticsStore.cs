using ChronicCare.Monitor.Analytics;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Integrity;
using Microsoft.Data.Sqlite;

namespace ChronicCare.Monitor.Sqlite;

/// <summary>
/// The embedded analytics store: one SQLite file, for <c>detect</c>, <c>demo</c> and month close without servers.
/// One connection, used by one call at a time (a connection is not thread-safe); WAL so readers in other processes
/// (an analyst's sqlite3) do not block the writer; one transaction per <see cref="WriteAsync"/>, so a batch is
/// stored whole or not at all and thousands of rows cost one fsync.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite is synchronous underneath (its async methods complete synchronously), so the work runs
/// inline; the gate is a <see cref="SemaphoreSlim"/> so callers wait without blocking a thread.
/// </remarks>
public sealed class SqliteAnalyticsStore : IAnalyticsStore
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    /// <summary>Opens (creating if missing) the file at <paramref name="path"/>; call <see cref="MigrateAsync"/> before use.</summary>
    public SqliteAnalyticsStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,

            // Closed means closed: a disposed store releases the file (tests delete it; a CLI run hands it on).
            Pooling = false,

            // How long a statement waits for another process's lock (a second migrator, a long write) before failing.
            DefaultTimeout = 60,
        };
        _connection = new SqliteConnection(builder.ConnectionString);
        try
        {
            _connection.Open();
            using var pragmas = _connection.CreateCommand();

            // WAL is a property of the file (it persists); NORMAL sync is durable in WAL except for the last commits on power loss.
            pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
            pragmas.ExecuteNonQuery();
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>The database file, absolute.</summary>
    public string Path { get; }

    public string Describe => $"sqlite:{Path}";

    /// <summary>Opens the file and applies the migrations: a store ready to use.</summary>
    public static Task<SqliteAnalyticsStore> OpenAsync(string path, CancellationToken ct) => StoreOpening.MigratedAsync(new SqliteAnalyticsStore(path), ct);

    public Task MigrateAsync(CancellationToken ct) => Locked(() => SqliteMigrations.Apply(_connection, ct), ct);

    public Task<IReadOnlyList<string>> AppliedMigrationsAsync(CancellationToken ct) => Locked(() => SqliteMigrations.Applied(_connection), ct);

    public Task WriteAsync(AnalyticsBatch batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Locked(() => SqliteBatchWriter.Write(_connection, batch), ct);
    }

    public Task RefreshRollupsAsync(string month, CancellationToken ct)
    {
        Months.Parse(month);
        return Locked(() => SqliteRollups.Refresh(_connection, month), ct);
    }

    public Task<IReadOnlyList<FacilityMonthRow>> FacilityMonthsAsync(string month, CancellationToken ct)
    {
        Months.Parse(month);
        return Locked(() => SqliteQueries.FacilityMonths(_connection, month), ct);
    }

    public Task<IReadOnlyList<PatientMonthRow>> PatientMonthsAsync(string month, CancellationToken ct)
    {
        Months.Parse(month);
        return Locked(() => SqliteQueries.PatientMonths(_connection, month), ct);
    }

    public Task<IReadOnlyList<EnrolmentRow>> EnrolmentsAsync(string month, CancellationToken ct)
    {
        Months.Parse(month);
        return Locked(() => SqliteQueries.Enrolments(_connection, month), ct);
    }

    public Task<IReadOnlyList<StayRow>> StaysAdmittedAsync(string month, CancellationToken ct)
    {
        Months.Parse(month);
        return Locked(() => SqliteQueries.StaysAdmitted(_connection, month), ct);
    }

    public Task<IReadOnlyList<DiseaseRow>> DiseasesAsync(CancellationToken ct) => Locked(() => SqliteQueries.Diseases(_connection), ct);

    public Task<IReadOnlyList<FacilityRow>> FacilitiesAsync(CancellationToken ct) => Locked(() => SqliteQueries.Facilities(_connection), ct);

    public Task<Alert?> FindAlertAsync(string alertId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alertId);
        return Locked(() => SqliteQueries.FindAlert(_connection, alertId), ct);
    }

    public Task<IReadOnlyList<Alert>> AlertsAsync(string month, CancellationToken ct)
    {
        Months.Parse(month);
        return Locked(() => SqliteQueries.Alerts(_connection, month), ct);
    }

    public Task<IReadOnlyList<Alert>> SearchAlertsAsync(AlertQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        return Locked(() => SqliteQueries.SearchAlerts(_connection, query), ct);
    }

    public Task<IReadOnlyList<Alert>> PeriodAlertsAsync(string period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        return Locked(() => SqliteQueries.PeriodAlerts(_connection, period), ct);
    }

    public Task<IntegrityAction?> FindActionAsync(string actionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        return Locked(() => SqliteQueries.FindAction(_connection, actionId), ct);
    }

    public Task<IReadOnlyList<IntegrityAction>> ActionsAsync(string month, CancellationToken ct)
    {
        Months.Parse(month);
        return Locked(() => SqliteQueries.Actions(_connection, month), ct);
    }

    public Task<IReadOnlyList<IntegrityAction>> PatientActionsAsync(string patientId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        return Locked(() => SqliteQueries.PatientActions(_connection, patientId), ct);
    }

    public Task<IReadOnlyList<ReviewDecision>> DecisionsAsync(CancellationToken ct) => Locked(() => SqliteQueries.Decisions(_connection), ct);

    /// <summary>Waits for a call in progress, then closes the file; a second dispose does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task Locked(Action work, CancellationToken ct) => Locked(
        () =>
        {
            work();
            return true;
        },
        ct);

    /// <summary>Runs <paramref name="work"/> on the connection once no other call holds it.</summary>
    private async Task<T> Locked<T>(Func<T> work, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ct.ThrowIfCancellationRequested();
            return work();
        }
        finally
        {
            _gate.Release();
        }
    }
}
