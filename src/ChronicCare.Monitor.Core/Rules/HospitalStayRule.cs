using ChronicCare.Monitor.Alerts;

namespace ChronicCare.Monitor.Rules;

/// <summary>A hospital stay as far as it is known: an admission, a discharge, or both (either may come first).</summary>
internal sealed class Stay
{
    public required string StayId { get; init; }

    public string? FacilityId { get; set; }

    public DateOnly? AdmittedOn { get; set; }

    public DateOnly? DischargedOn { get; set; }

    /// <summary>Strictly after the admission date and strictly before the discharge date (open stay: any later date).</summary>
    public bool Covers(DateOnly date) => AdmittedOn is { } a && date > a && (DischargedOn is not { } d || date < d);
}

/// <summary>
/// R07 DURING_HOSPITALIZATION 住院期间门诊结算: the service date is after the admission date and before the
/// discharge date of a stay. Seed: Hunan 第十六条 (住院期间不得同时享受门诊慢特病待遇).
/// </summary>
internal static class HospitalStayRule
{
    public static AlertDraft? Evaluate(SettlementFacts f, IEnumerable<Stay> stays)
    {
        var s = f.Settlement;
        var hit = stays.Where(st => st.Covers(s.ServiceDate)).OrderBy(st => st.StayId, StringComparer.Ordinal).FirstOrDefault();
        if (hit is null)
        {
            return null;
        }

        using var e = new EvidenceBuilder();
        e.Str("stay_id", hit.StayId).Str("stay_facility_id", hit.FacilityId).Date("admitted_on", hit.AdmittedOn!.Value)
            .Str("discharged_on", hit.DischargedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Date("service_date", s.ServiceDate);
        return new AlertDraft("R07", s, e.Build(f.Notes),
            $"住院期间（{hit.AdmittedOn:yyyy-MM-dd}入院）发生门诊慢特病结算。",
            $"Outpatient settlement on {s.ServiceDate:yyyy-MM-dd} during a hospital stay admitted {hit.AdmittedOn:yyyy-MM-dd}.");
    }
}
