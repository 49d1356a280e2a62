using System.Globalization;
using System.Text;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Engine;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.State;

namespace ChronicCare.Monitor.Tests.Support;

/// <summary>
/// Every field of one patient's engine state (and its registry entries) as text, so a restored patient can be
/// compared with the original in one assertion whose failure shows the difference. Collections whose order
/// the engine does not depend on are sorted; the settlements keep their (supply) order.
/// </summary>
internal static class StateDump
{
    public static string Of(DetectionEngine engine, string patientId)
    {
        var st = engine.PatientStateOf(patientId) ?? throw new Xunit.Sdk.XunitException($"no state for {patientId}");
        var b = new StringBuilder();
        b.AppendLine(CultureInfo.InvariantCulture, $"patient {st.PatientId} dirty={st.Dirty}");
        foreach (var s in st.Settlements)
        {
            b.AppendLine(Settlement(s));
            var e = engine.RegistryEntryOf(s.SettlementId);
            b.AppendLine(CultureInfo.InvariantCulture, $"  registry same-object={ReferenceEquals(e?.Settlement, s)} {Entry(e)}");
        }

        foreach (var stay in st.Stays.Values.OrderBy(x => x.StayId, StringComparer.Ordinal))
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"stay {stay.StayId} {stay.FacilityId} {stay.AdmittedOn} {stay.DischargedOn}");
        }

        if (st.Carry is { } c)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"carry {c.Horizon:yyyy-MM-dd} incident={c.HadIncident}");
            foreach (var (ing, covered, lines) in c.Ledger.Export().OrderBy(x => x.Ingredient, StringComparer.Ordinal))
            {
                b.AppendLine(CultureInfo.InvariantCulture, $"  ledger {ing} {covered} [{string.Join("; ", lines)}]");
            }

            foreach (var (ing, day, drug) in c.Ledger.ExportLastFills().OrderBy(x => x.Ingredient, StringComparer.Ordinal))
            {
                b.AppendLine(CultureInfo.InvariantCulture, $"  last fill {ing} {day} {drug}");
            }

            foreach (var f in c.Designation.Export().Select(x => x.ToString()).Order(StringComparer.Ordinal))
            {
                b.AppendLine(CultureInfo.InvariantCulture, $"  first {f}");
            }

            var (months, quarters) = c.Quota.Export();
            foreach (var m in months.Select(x => "month " + x).Concat(quarters.Select(x => "quarter " + x)).Order(StringComparer.Ordinal))
            {
                b.AppendLine(CultureInfo.InvariantCulture, $"  {m}");
            }

            foreach (var a in c.Actions)
            {
                b.AppendLine("  carried " + Action(a));
            }
        }

        b.AppendLine("late " + (st.Late is null ? "none" : string.Join(",", st.Late.Order(StringComparer.Ordinal))));
        foreach (var (id, a) in st.Alerts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"alert {id} day={a.ServiceDay} {Alert(a.Record)}");
        }

        foreach (var (id, a) in st.Actions.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"action {id} {Action(a)}");
        }

        foreach (var id in st.RegistryIds.Order(StringComparer.Ordinal))
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"registry {id} {Entry(engine.RegistryEntryOf(id))}");
        }

        foreach (var u in (st.PrunedUses ?? []).Select(u => u.ToString()).Order(StringComparer.Ordinal))
        {
            b.AppendLine("pruned use " + u);
        }

        foreach (var (id, r) in (st.Reviews ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            b.AppendLine(CultureInfo.InvariantCulture,
                $"review {id} {r.PatientId} {r.Verdict} {r.AlertId} {r.Rule} {r.IncidentDate} {r.ActionId} {r.Finding} {r.DecidedBy} {r.DecidedAt} {r.Note}");
        }

        return b.ToString();
    }

    private static string Settlement(Settlement s) =>
        $"settlement {s.SettlementId} {s.SettledAt} ({s.SettledAt.UtcTicks}) {s.PatientId} {s.CardId} {s.FacilityId} {s.PrescribingFacilityId ?? "-"} "
        + $"{s.PrescriberId} {s.PrescriberTitle} {s.DiseaseCode} {s.Identity} {s.Prescription} [{string.Join("; ", s.Lines)}] {s.TotalAmount} {s.FundPaid} {s.SelfPaid}";

    private static string Entry(RegistryEntry? e) =>
        e is null ? "none" : $"patient={e.PatientId} reversed={e.Reversed} pending={e.Pending} day={e.Day} settlement={e.Settlement?.SettlementId ?? "-"}";

    private static string Alert(Alert a) => $"{a} detected={a.DetectedAt:O} score={a.Score?.ToString("R", CultureInfo.InvariantCulture)}";

    private static string Action(IntegrityAction a) =>
        $"{a with { AlertIds = [] }} from={a.EffectiveFrom} ({a.EffectiveFrom.UtcTicks}) until={a.EffectiveUntil} ids=[{string.Join(",", a.AlertIds)}] decided={a.DecidedAt:O}";
}
