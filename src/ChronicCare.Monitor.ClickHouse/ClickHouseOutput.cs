using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Streaming.Output;

namespace ChronicCare.Monitor.ClickHouse;

/// <summary>
/// Alerts and actions into the analytics store's tables (<see cref="ClickHouseSchema"/>, migrated by
/// <see cref="Analytics.ClickHouseAnalyticsStore"/>), rows as the store writes them, so triage and the report read them. Rows are buffered by the calls;
/// <see cref="FlushAsync"/> writes them with one INSERT per table and forgets a table's rows only once ClickHouse has
/// accepted them, so a failed flush loses nothing and the runtime's retry writes them again. Writing a record twice
/// is harmless: the tables keep the latest version of each id.
/// Dead letters and rechecks are not analytics: they stay with the Kafka output (dead-letter and events topics).
/// </summary>
public sealed class ClickHouseOutput : IStreamOutput
{
    private readonly ClickHouseHttp _http;
    private readonly string _alertsTable;
    private readonly string _actionsTable;
    private readonly RowBuffer _alerts = new();
    private readonly RowBuffer _actions = new();

    public ClickHouseOutput(ClickHouseHttp http, string database)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _alertsTable = ClickHouseSchema.Table(database, ClickHouseSchema.Alerts);
        _actionsTable = ClickHouseSchema.Table(database, ClickHouseSchema.Actions);
    }

    /// <summary>Rows not yet accepted by ClickHouse (alerts and actions).</summary>
    internal int Pending => _alerts.Count + _actions.Count;

    public void Alert(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        _alerts.Put(alert.AlertId, ClickHouseRows.Version(alert.DetectedAt), Analytics.AnalyticsJsonRows.Alert(alert));
    }

    public void Action(IntegrityAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _actions.Put(action.ActionId, ClickHouseRows.Version(action.DecidedAt), Analytics.AnalyticsJsonRows.Action(action));
    }

    public void DeadLetter(DeadLetter deadLetter)
    {
    }

    public void Recheck(string patientId)
    {
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        await FlushAsync(_alerts, _alertsTable, ct).ConfigureAwait(false);
        await FlushAsync(_actions, _actionsTable, ct).ConfigureAwait(false);
    }

    private async Task FlushAsync(RowBuffer buffer, string table, CancellationToken ct)
    {
        if (buffer.Take() is not { } batch)
        {
            return;
        }

        await _http.InsertAsync(table, batch.Body, ct).ConfigureAwait(false);
        buffer.Remove(batch);
    }
}
