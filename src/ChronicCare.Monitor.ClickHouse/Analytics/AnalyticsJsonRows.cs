using System.Buffers;
using System.Globalization;
using System.Text.Json;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.ClickHouse.Analytics;

/// <summary>
/// Store rows as one JSONEachRow body per table. <see cref="Utf8JsonWriter"/> does the escaping (quotes,
/// backslashes, newlines and control characters in evidence JSON; Chinese stays as UTF-8), which ClickHouse's JSON
/// reader undoes exactly. Alerts and actions are <see cref="ClickHouseRows"/>' rows, the streaming writer's, plus the
/// columns of migration 0003.
/// </summary>
internal static class AnalyticsJsonRows
{
    public static byte[] Settlements(IEnumerable<SettlementRow> rows) => Lines(rows, (w, s) =>
    {
        w.WriteString("settlement_id", s.SettlementId);
        w.WriteString("patient_key", s.PatientKey);
        w.WriteString("patient_region", s.PatientRegion);
        w.WriteString("settled_at", Utc(s.SettledAt));
        w.WriteString("service_date", StoreText.Date(s.ServiceDate));
        w.WriteString("facility_id", s.FacilityId);
        w.WriteString("facility_kind", s.FacilityKind);
        w.WriteNumber("facility_level", s.FacilityLevel);
        w.WriteString("facility_region", s.FacilityRegion);
        w.WriteString("disease_code", s.DiseaseCode);
        w.WriteNumber("long_prescription", s.LongPrescription ? 1 : 0); // UInt8: 18.16 reads no JSON true/false into it
        w.WriteNumber("total_fen", s.TotalFen);
        w.WriteNumber("fund_fen", s.FundFen);
        w.WriteNumber("self_fen", s.SelfFen);
        w.WriteNumber("drug_fen", s.DrugFen);
        w.WriteNumber("exam_fen", s.ExamFen);
        w.WriteNumber("treatment_fen", s.TreatmentFen);
        w.WriteNumber("material_fen", s.MaterialFen);
    });

    public static byte[] SettlementLines(IEnumerable<LineRow> rows) => Lines(rows, (w, l) =>
    {
        w.WriteString("settlement_id", l.SettlementId);
        w.WriteNumber("line_no", l.LineNo);
        w.WriteString("item_type", l.ItemType);
        w.WriteString("item_code", l.ItemCode);
        w.WriteNumber("quantity", l.Quantity);
        w.WriteNumber("amount_fen", l.AmountFen);
        NullableInt(w, "days_supply", l.DaysSupply);
    });

    public static byte[] Reversals(IEnumerable<ReversalRow> rows) => Lines(rows, (w, r) =>
    {
        w.WriteString("settlement_id", r.SettlementId);
        w.WriteString("reversed_at", Utc(r.ReversedAt));
    });

    /// <summary>A stay's admission and discharge as separate rows (kinds 1 and 2); a row with neither date is kind 0.</summary>
    public static byte[] Stays(IEnumerable<StayRow> rows) => Lines(rows.SelectMany(StayFacts), (w, f) =>
    {
        w.WriteString("stay_id", f.Stay.StayId);
        w.WriteNumber("kind", f.Kind);
        w.WriteString("patient_key", f.Stay.PatientKey);
        NullableString(w, "facility_id", f.Stay.FacilityId);
        NullableString(w, "admitted_on", f.Kind == 1 ? StoreText.Date(f.Stay.AdmittedOn!.Value) : null);
        NullableString(w, "discharged_on", f.Kind == 2 ? StoreText.Date(f.Stay.DischargedOn!.Value) : null);
    });

    /// <summary>
    /// The enrolment sets a batch states, one row per patient (none when it states none): the patient's rows as
    /// parallel arrays, a disease written twice counting once (the later row, as SQLite's key keeps it), and the
    /// batch's version, by which the patient's later set replaces this one.
    /// </summary>
    public static byte[] EnrolmentSets(AnalyticsBatch batch)
    {
        var sets = new Dictionary<string, SortedDictionary<string, EnrolmentRow>>(StringComparer.Ordinal);
        foreach (var key in batch.EnrolmentSets)
        {
            sets[key] = new(StringComparer.Ordinal);
        }

        foreach (var e in batch.Enrolments)
        {
            if (!sets.TryGetValue(e.PatientKey, out var set))
            {
                sets[e.PatientKey] = set = new(StringComparer.Ordinal);
            }

            set[e.DiseaseCode] = e;
        }

        return Lines(sets, (w, set) =>
        {
            var rows = set.Value.Values;
            w.WriteString("patient_key", set.Key);
            w.WriteNumber("version", batch.EnrolmentVersion);
            StringArray(w, "disease_codes", rows.Select(e => e.DiseaseCode));
            StringArray(w, "regions", rows.Select(e => e.Region));
            StringArray(w, "insurances", rows.Select(e => e.Insurance));
            StringArray(w, "benefit_starts", rows.Select(e => StoreText.Date(e.BenefitStart)));
            StringArray(w, "valid_untils", rows.Select(e => StoreText.Date(e.ValidUntil)));
        });
    }

    public static byte[] Diseases(IEnumerable<DiseaseRow> rows) => Lines(rows, (w, d) =>
    {
        w.WriteString("disease_code", d.DiseaseCode);
        w.WriteString("name", d.Name);
        w.WriteNumber("monthly_quota_fen", d.MonthlyQuotaFen);
    });

    public static byte[] Facilities(IEnumerable<FacilityRow> rows) => Lines(rows, (w, f) =>
    {
        w.WriteString("facility_id", f.FacilityId);
        w.WriteString("name", f.Name);
        w.WriteString("kind", f.Kind);
        w.WriteNumber("level", f.Level);
        w.WriteString("region", f.Region);
    });

    public static byte[] Alerts(IEnumerable<Alert> rows) => Join(rows.Select(Alert));

    public static byte[] Actions(IEnumerable<IntegrityAction> rows) => Join(rows.Select(Action));

    /// <summary>One alert row with the exact texts (the streaming writer writes these rows too, so both read back alike).</summary>
    public static byte[] Alert(Alert a) => Extend(ClickHouseRows.Alert(a), w =>
    {
        w.WriteString("event_time_text", a.EventTime);
        w.WriteString("event_month", StoreText.EventMonth(a.EventTime));
        w.WriteString("detected_at_text", StoreText.Instant(a.DetectedAt));
        w.WriteString("score_text", a.Score is { } score ? score.ToString("R", CultureInfo.InvariantCulture) : "");
    });

    /// <summary>One action row with the exact texts.</summary>
    public static byte[] Action(IntegrityAction a) => Extend(ClickHouseRows.Action(a), w =>
    {
        w.WriteString("effective_from_text", StoreText.Instant(a.EffectiveFrom.Value));
        w.WriteString("effective_until_text", a.EffectiveUntil is { } until ? StoreText.Instant(until.Value) : "");
        w.WriteString("effective_month", StoreText.Month(a.EffectiveFrom.Value));
        w.WriteString("decided_at_text", StoreText.Instant(a.DecidedAt));
    });

    public static byte[] Decisions(IEnumerable<ReviewDecision> rows) => Lines(rows, (w, d) =>
    {
        w.WriteString("decision_id", d.DecisionId);
        w.WriteString("patient_id", d.PatientId);
        w.WriteString("verdict", ReviewJson.VerdictName(d.Verdict));
        NullableString(w, "alert_id", d.AlertId);
        NullableString(w, "rule", d.Rule);
        NullableString(w, "incident_date", d.IncidentDate is { } day ? StoreText.Date(day) : null);
        NullableString(w, "action_id", d.ActionId);
        w.WriteString("finding", ReviewJson.FindingName(d.Finding));
        w.WriteString("decided_by", d.DecidedBy);
        w.WriteString("decided_at", Utc(d.DecidedAt.Value));
        w.WriteString("decided_at_text", StoreText.Instant(d.DecidedAt.Value));
        w.WriteNumber("decided_ticks", d.DecidedAt.UtcTicks);
        NullableString(w, "note", d.Note);
        w.WriteNumber("version", StoreText.Version(d.DecidedAt.Value));
    });

    /// <summary>Whole seconds in UTC with a Z: what a <c>DateTime('UTC')</c> column holds, in a form best_effort reads on every version.</summary>
    private static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static IEnumerable<(StayRow Stay, int Kind)> StayFacts(StayRow s)
    {
        if (s.AdmittedOn is not null)
        {
            yield return (s, 1);
        }

        if (s.DischargedOn is not null)
        {
            yield return (s, 2);
        }

        if (s.AdmittedOn is null && s.DischargedOn is null)
        {
            yield return (s, 0);
        }
    }

    /// <summary>One JSON object a line, written by <paramref name="write"/> (the braces are written here).</summary>
    private static byte[] Lines<T>(IEnumerable<T> rows, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var w = new Utf8JsonWriter(buffer, ContractJson.WriterOptions);
        foreach (var row in rows)
        {
            w.WriteStartObject();
            write(w, row);
            w.WriteEndObject();
            w.Flush();
            w.Reset();
            buffer.Write("\n"u8);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A complete JSON object row with more properties added before its closing brace.</summary>
    private static byte[] Extend(byte[] row, Action<Utf8JsonWriter> more)
    {
        var extra = ContractJson.ToUtf8(w =>
        {
            w.WriteStartObject();
            more(w);
            w.WriteEndObject();
        });

        // row is "{...}" and extra is "{...}": "{row fields" + "," + "extra fields}".
        return [.. row.AsSpan(0, row.Length - 1), (byte)',', .. extra.AsSpan(1)];
    }

    private static byte[] Join(IEnumerable<byte[]> rows)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        foreach (var row in rows)
        {
            buffer.Write(row);
            buffer.Write("\n"u8);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void StringArray(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void NullableString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void NullableInt(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
