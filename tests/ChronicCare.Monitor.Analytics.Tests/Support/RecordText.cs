using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Analytics.Tests.Support;

/// <summary>
/// Records as text that names every field exactly (instants with ticks and offset, id lists in order), so two
/// records compare equal only when a store gave back precisely what was written. Records compare instants by the
/// instant alone and hold lists by reference, which would hide a lost offset or a reordered list.
/// </summary>
internal static class RecordText
{
    public static string Of(Alert a) => $"{a} detected={StoreText.Instant(a.DetectedAt)}";

    public static string Of(IntegrityAction a) =>
        $"{a with { AlertIds = [] }} from={StoreText.Instant(a.EffectiveFrom.Value)} until={(a.EffectiveUntil is { } u ? StoreText.Instant(u.Value) : "null")} "
        + $"decided={StoreText.Instant(a.DecidedAt)} ids=[{string.Join("|", a.AlertIds)}]";

    public static string Of(ReviewDecision d) =>
        $"{d.DecisionId} {d.PatientId} {d.Verdict} {d.AlertId ?? "null"} {d.Rule ?? "null"} {d.IncidentDate?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "null"} "
        + $"{d.ActionId ?? "null"} {d.Finding} {d.DecidedBy} {StoreText.Instant(d.DecidedAt.Value)} {d.Note ?? "null"}";

    public static IReadOnlyList<string> Of(IEnumerable<Alert> alerts) => [.. alerts.Select(Of)];

    public static IReadOnlyList<string> Of(IEnumerable<IntegrityAction> actions) => [.. actions.Select(Of)];

    public static IReadOnlyList<string> Of(IEnumerable<ReviewDecision> decisions) => [.. decisions.Select(Of)];
}
