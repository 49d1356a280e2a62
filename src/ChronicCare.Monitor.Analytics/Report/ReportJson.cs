using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ChronicCare.Monitor.Alerts;

namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>
/// Writes a <see cref="MonthlyReport"/> as one JSON object: snake_case names, money as yuan numbers with 2 decimals,
/// ratios rounded to 4 decimals, lists in the report's order, Chinese as readable UTF-8 (no <c>\u</c> escapes).
/// </summary>
public static class ReportJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(MonthlyReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        using var w = new Utf8JsonWriter(output, Options);
        w.WriteStartObject();
        w.WriteString("report", "monthly_operation_analysis");
        w.WriteNumber("version", 1);
        w.WriteString("month", report.Month);
        w.WriteString("region", report.Region);
        w.WriteString("generated_at", report.GeneratedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        w.WriteString("previous_month", report.PreviousMonth);
        w.WriteString("year_ago_month", report.YearAgoMonth);

        w.WriteStartObject("headline");
        WriteFigures(w, report.Headline);
        w.WriteEndObject();
        WriteChanges(w, "headline_changes", report.HeadlineChanges);

        w.WriteStartArray("by_disease");
        foreach (var d in report.ByDisease)
        {
            w.WriteStartObject();
            w.WriteString("disease_code", d.DiseaseCode);
            w.WriteString("name", d.Name);
            WriteFigures(w, d.Figures);
            WriteChanges(w, "changes", d.Changes);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("by_region");
        foreach (var r in report.ByRegion)
        {
            w.WriteStartObject();
            w.WriteString("region", r.Region);
            WriteFigures(w, r.Figures);
            WriteChanges(w, "changes", r.Changes);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("by_facility_level");
        foreach (var l in report.ByFacilityLevel)
        {
            w.WriteStartObject();
            w.WriteNumber("level", l.Level);
            w.WriteString("name_zh", l.NameZh);
            w.WriteString("name_en", l.NameEn);
            WriteFigures(w, l.Figures);
            WriteChanges(w, "changes", l.Changes);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("trend");
        foreach (var t in report.Trend)
        {
            w.WriteStartObject();
            w.WriteString("month", t.Month);
            w.WriteNumber("total_cost", Money.Yuan(t.TotalFen));
            w.WriteNumber("fund_cost", Money.Yuan(t.FundFen));
            w.WriteNumber("active_patients", t.ActivePatients);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        WriteAlerts(w, report.Alerts);
        WriteSanctions(w, report.Sanctions);
        WriteFacilities(w, report.TopFacilities);
        WritePatients(w, report.TopPatients);
        WriteQuota(w, report.QuotaUse);

        w.WriteStartObject("facility_criteria");
        w.WriteNumber("min_settlements", report.FacilityCriteria.MinSettlements);
        w.WriteNumber("peer_group_min_facilities", report.FacilityCriteria.PeerGroupMinFacilities);
        w.WriteEndObject();

        w.WriteEndObject();
        w.Flush();
    }

    /// <summary>The JSON as a string (tests, small reports).</summary>
    public static string ToJson(MonthlyReport report)
    {
        using var buffer = new MemoryStream();
        Write(report, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteFigures(Utf8JsonWriter w, CostFigures f)
    {
        if (f.EnrolledPatients is { } enrolled)
        {
            w.WriteNumber("enrolled_patients", enrolled);
        }
        else
        {
            w.WriteNull("enrolled_patients");
        }

        w.WriteNumber("active_patients", f.ActivePatients);
        w.WriteNumber("hospitalised_patients", f.HospitalisedPatients);
        w.WriteNumber("settlements", f.Settlements);
        w.WriteNumber("total_cost", Money.Yuan(f.TotalFen));
        w.WriteNumber("fund_cost", Money.Yuan(f.FundFen));
        w.WriteNumber("self_cost", Money.Yuan(f.SelfFen));
        w.WriteNumber("drug_cost", Money.Yuan(f.DrugFen));
        w.WriteNumber("exam_cost", Money.Yuan(f.ExamFen));
        w.WriteNumber("treatment_cost", Money.Yuan(f.TreatmentFen));
        w.WriteNumber("material_cost", Money.Yuan(f.MaterialFen));
        WriteYuan(w, "per_capita_cost", f.PerCapitaFen);
        WriteYuan(w, "per_capita_drug", f.PerCapitaDrugFen);
        WriteYuan(w, "per_capita_exam", f.PerCapitaExamFen);
        WriteYuan(w, "per_capita_treatment", f.PerCapitaTreatmentFen);
        WriteYuan(w, "per_capita_material", f.PerCapitaMaterialFen);
        WriteRatio(w, "hospitalisation_rate", f.HospitalisationRate);
    }

    private static void WriteChanges(Utf8JsonWriter w, string name, IReadOnlyList<MetricChange> changes)
    {
        w.WriteStartArray(name);
        foreach (var c in changes)
        {
            var kind = ReportMetrics.KindOf(c.Metric);
            w.WriteStartObject();
            w.WriteString("metric", ReportMetrics.Key(c.Metric));
            WriteMetric(w, "value", kind, c.Value);
            WriteMetric(w, "month_ago", kind, c.MonthAgo);
            WriteRatio(w, "month_on_month", c.MonthOnMonth);
            WriteMetric(w, "year_ago", kind, c.YearAgo);
            WriteRatio(w, "year_on_year", c.YearOnYear);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteMetric(Utf8JsonWriter w, string name, MetricKind kind, decimal? value)
    {
        switch (kind)
        {
            case MetricKind.Money:
                WriteYuan(w, name, value);
                break;
            case MetricKind.Rate:
                WriteRatio(w, name, value);
                break;
            default:
                if (value is { } v)
                {
                    w.WriteNumber(name, decimal.Truncate(v));
                }
                else
                {
                    w.WriteNull(name);
                }

                break;
        }
    }

    private static void WriteAlerts(Utf8JsonWriter w, AlertSummary alerts)
    {
        w.WriteStartObject("alerts");
        w.WriteStartObject("total");
        WriteCounts(w, alerts.Total);
        w.WriteEndObject();
        w.WriteStartArray("by_rule");
        foreach (var r in alerts.ByRule)
        {
            w.WriteStartObject();
            w.WriteString("rule", r.Rule);
            w.WriteString("name", r.Name);
            w.WriteString("name_zh", r.NameZh);
            WriteCounts(w, r.Counts);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("by_severity");
        foreach (var s in alerts.BySeverity)
        {
            w.WriteStartObject();
            w.WriteString("severity", SeverityKey(s.Severity));
            WriteCounts(w, s.Counts);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter w, AlertCounts c)
    {
        w.WriteNumber("total", c.Total);
        w.WriteNumber("open", c.Open);
        w.WriteNumber("untriaged", c.Untriaged);
        w.WriteNumber("confirmed", c.Confirmed);
        w.WriteNumber("dismissed", c.Dismissed);
        w.WriteNumber("withdrawn", c.Withdrawn);
    }

    private static void WriteSanctions(Utf8JsonWriter w, SanctionSummary s)
    {
        w.WriteStartObject("sanctions");
        w.WriteNumber("total", s.Total);
        w.WriteNumber("automatic", s.Automatic);
        w.WriteNumber("by_reviewer", s.ByReviewer);
        w.WriteStartArray("by_kind");
        foreach (var k in s.ByKind)
        {
            w.WriteStartObject();
            w.WriteString("action", k.Name);
            w.WriteString("name_zh", k.NameZh);
            w.WriteNumber("total", k.Total);
            w.WriteNumber("automatic", k.Automatic);
            w.WriteNumber("by_reviewer", k.ByReviewer);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteFacilities(Utf8JsonWriter w, IReadOnlyList<FacilityPeerComparison> facilities)
    {
        w.WriteStartArray("top_facilities");
        foreach (var f in facilities)
        {
            w.WriteStartObject();
            w.WriteNumber("rank", f.Rank);
            w.WriteString("facility_id", f.FacilityId);
            w.WriteString("name", f.Name);
            w.WriteString("kind", f.Kind);
            w.WriteNumber("level", f.Level);
            w.WriteString("region", f.Region);
            w.WriteNumber("settlements", f.Settlements);
            WriteYuan(w, "mean_per_settlement", f.MeanFen);
            WriteYuan(w, "peer_median", f.PeerMedianFen);
            WriteRatio(w, "ratio", f.Ratio);
            WriteRatio(w, "robust_z", f.RobustZ);
            w.WriteNumber("peers", f.Peers);
            w.WriteString("peer_group", f.PeersEverywhere ? "kind_level_everywhere" : "kind_level_city");
            w.WriteBoolean("r12_alert", f.R12Alert);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WritePatients(Utf8JsonWriter w, IReadOnlyList<HighCostPatient> patients)
    {
        w.WriteStartArray("top_patients");
        foreach (var p in patients)
        {
            w.WriteStartObject();
            w.WriteNumber("rank", p.Rank);
            w.WriteString("patient_key", p.PatientKey);
            w.WriteString("disease_code", p.DiseaseCode);
            w.WriteString("disease_name", p.DiseaseName);
            w.WriteNumber("total_cost", Money.Yuan(p.TotalFen));
            WriteYuan(w, "disease_median", p.DiseaseMedianFen);
            WriteRatio(w, "ratio", p.Ratio);
            w.WriteNumber("disease_patients", p.DiseasePatients);
            w.WriteBoolean("r13_alert", p.R13Alert);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteQuota(Utf8JsonWriter w, IReadOnlyList<QuotaUse> quota)
    {
        w.WriteStartArray("quota_use");
        foreach (var q in quota)
        {
            w.WriteStartObject();
            w.WriteString("disease_code", q.DiseaseCode);
            w.WriteString("name", q.Name);
            w.WriteNumber("monthly_quota", Money.Yuan(q.QuotaFen));
            w.WriteNumber("patients_with_drug", q.PatientsWithDrug);
            WriteYuan(w, "mean_drug_cost", q.MeanDrugFen);
            WriteRatio(w, "mean_to_quota", q.MeanToQuota);
            w.WriteNumber("over_quota", q.OverQuota);
            WriteRatio(w, "over_quota_share", q.OverQuotaShare);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteYuan(Utf8JsonWriter w, string name, decimal? fen)
    {
        if (fen is { } f)
        {
            w.WriteNumber(name, Money.Yuan(f));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteRatio(Utf8JsonWriter w, string name, decimal? ratio)
    {
        if (ratio is { } r)
        {
            w.WriteNumber(name, Money.Ratio(r));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    internal static string SeverityKey(Severity severity) => severity switch
    {
        Severity.High => "high",
        Severity.Medium => "medium",
        _ => "low",
    };
}
