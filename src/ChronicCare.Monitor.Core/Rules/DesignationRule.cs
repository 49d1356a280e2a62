using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;

namespace ChronicCare.Monitor.Rules;

/// <summary>
/// R04 NON_DESIGNATED_FACILITY 非定点就医: at a non-pharmacy facility whose class has a designated facility
/// for the year and this is not it. Seed: Lianyungang 三(一) (一家基层医疗机构和一家医院作为定点).
/// </summary>
internal static class DesignationRule
{
    public static AlertDraft? Evaluate(SettlementFacts f, DesignationTracker tracker)
    {
        var s = f.Settlement;
        if (f.Facility is not { } facility || facility.Class == FacilityClass.None)
        {
            return null;
        }

        var year = s.ServiceDate.Year;
        var first = tracker.FirstOrRecord(year, facility.Class, facility.FacilityId, s.SettlementId);
        string designated;
        string source;
        if (f.Patient?.Designated.TryGetValue(year, out var entry) == true && entry.For(facility.Class) is { } named)
        {
            designated = named;
            source = "patient_record";
        }
        else
        {
            designated = first.FacilityId;
            source = $"first_visit:{first.SettlementId}";
        }

        if (string.Equals(designated, facility.FacilityId, StringComparison.Ordinal))
        {
            return null;
        }

        var cls = facility.Class == FacilityClass.Grassroots ? "grassroots" : "hospital";
        using var e = new EvidenceBuilder();
        e.Num("year", year).Str("class", cls).Str("designated_facility_id", designated).Str("designated_by", source).Str("facility_id", facility.FacilityId);
        var clsZh = facility.Class == FacilityClass.Grassroots ? "基层医疗机构" : "医院";
        return new AlertDraft("R04", s, e.Build(f.Notes),
            $"在非定点{clsZh}{facility.FacilityId}结算，本年度定点为{designated}。",
            $"Settled at {facility.FacilityId}, not the patient's designated {cls} facility {designated} for {year}.");
    }
}
