using ChronicCare.Monitor.Analytics.Store;

namespace ChronicCare.Monitor.Analytics.Tests.Support;

/// <summary>
/// Every answer a store gives for the given months, periods and ids, one line per row, prefixed with the query:
/// two snapshots equal means the two stores (or one store before and after a replay) answer every query alike.
/// </summary>
internal static class StoreSnapshot
{
    public static async Task<IReadOnlyList<string>> TakeAsync(
        IAnalyticsStore store, IEnumerable<string> months, IEnumerable<string> periods, IEnumerable<string> alertIds, IEnumerable<string> actionIds)
    {
        var ct = CancellationToken.None;
        var lines = new List<string>();
        void Add<T>(string query, IEnumerable<T> rows) => lines.AddRange(rows.Select(r => $"{query}: {r}"));

        foreach (var month in months)
        {
            Add($"facility_month {month}", await store.FacilityMonthsAsync(month, ct));
            Add($"patient_month {month}", await store.PatientMonthsAsync(month, ct));
            Add($"enrolments {month}", await store.EnrolmentsAsync(month, ct));
            Add($"stays {month}", await store.StaysAdmittedAsync(month, ct));
            Add($"alerts {month}", RecordText.Of(await store.AlertsAsync(month, ct)));
            Add($"actions {month}", RecordText.Of(await store.ActionsAsync(month, ct)));
        }

        foreach (var period in periods)
        {
            Add($"period alerts {period}", RecordText.Of(await store.PeriodAlertsAsync(period, ct)));
        }

        foreach (var id in alertIds)
        {
            Add($"alert {id}", [await store.FindAlertAsync(id, ct) is { } a ? RecordText.Of(a) : "null"]);
        }

        foreach (var id in actionIds)
        {
            Add($"action {id}", [await store.FindActionAsync(id, ct) is { } a ? RecordText.Of(a) : "null"]);
        }

        Add("diseases", (await store.DiseasesAsync(ct)));
        Add("facilities", (await store.FacilitiesAsync(ct)));
        Add("decisions", RecordText.Of(await store.DecisionsAsync(ct)));
        return lines;
    }
}
