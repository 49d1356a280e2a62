using System.Globalization;
using System.Text.Json;

namespace ChronicCare.Monitor.Simulation.Tests.Support;

/// <summary>
/// An independent reading of a simulation's output with System.Text.Json, in the contract's terms only (it
/// does not use the simulator's types), so the oracles below check the files, not the generator's intentions.
/// </summary>
internal sealed class ContractData
{
    public Dictionary<string, Facility> Facilities { get; } = [];

    public Dictionary<string, Drug> Drugs { get; } = [];

    public Dictionary<string, long> Quotas { get; } = [];

    public Dictionary<string, Patient> Patients { get; } = [];

    /// <summary>Distinct settlements by id (duplicate deliveries collapsed; they must be byte-identical).</summary>
    public Dictionary<string, Settlement> Settlements { get; } = [];

    public HashSet<string> Reversed { get; } = [];

    public Dictionary<string, Stay> Stays { get; } = [];

    public List<Label> Labels { get; } = [];

    public List<string> EventLines { get; } = [];

    public IEnumerable<Settlement> Live => Settlements.Values.Where(s => !Reversed.Contains(s.Id));

    public static ContractData Load(string dir)
    {
        var d = new ContractData();
        foreach (var e in Lines(dir, "facilities.jsonl"))
        {
            var region = e.GetProperty("region").GetString()!;
            d.Facilities[e.GetProperty("facility_id").GetString()!] = new Facility(
                e.GetProperty("kind").GetString()!, e.GetProperty("level").GetInt32(), region, region[..4], e.GetProperty("essential_drugs_only").GetBoolean());
        }

        foreach (var e in Lines(dir, "drugs.jsonl"))
        {
            d.Drugs[e.GetProperty("drug_code").GetString()!] = new Drug(
                e.GetProperty("ingredient").GetString()!,
                e.GetProperty("essential").GetBoolean(),
                e.GetProperty("gender").ValueKind == JsonValueKind.Null ? null : e.GetProperty("gender").GetString(),
                e.GetProperty("min_age").ValueKind == JsonValueKind.Null ? null : e.GetProperty("min_age").GetInt32(),
                e.GetProperty("max_age").ValueKind == JsonValueKind.Null ? null : e.GetProperty("max_age").GetInt32(),
                e.GetProperty("diseases").EnumerateArray().Select(x => x.GetString()!).ToHashSet(),
                Cents(e.GetProperty("reference_unit_price")));
        }

        foreach (var e in Lines(dir, "diseases.jsonl"))
        {
            d.Quotas[e.GetProperty("disease_code").GetString()!] = Cents(e.GetProperty("monthly_quota"));
        }

        foreach (var e in Lines(dir, "patients.jsonl"))
        {
            var designated = new Dictionary<int, (string? Grassroots, string? Hospital)>();
            if (e.TryGetProperty("designated", out var des))
            {
                foreach (var y in des.EnumerateObject())
                {
                    designated[int.Parse(y.Name, CultureInfo.InvariantCulture)] = (Str(y.Value, "grassroots"), Str(y.Value, "hospital"));
                }
            }

            d.Patients[e.GetProperty("patient_id").GetString()!] = new Patient(
                e.GetProperty("gender").GetString()!,
                DateOnly.Parse(e.GetProperty("birth_date").GetString()!, CultureInfo.InvariantCulture),
                e.GetProperty("card_ids").EnumerateArray().Select(x => x.GetString()!).ToHashSet(),
                e.GetProperty("statuses").EnumerateArray().Select(x => (x.GetProperty("status").GetString()!, Date(x, "from"))).ToList(),
                e.GetProperty("diseases").EnumerateArray().Select(x => (x.GetProperty("disease_code").GetString()!, Date(x, "approved_on"), Date(x, "valid_until"))).ToList(),
                designated);
        }

        foreach (var line in File.ReadLines(Path.Combine(dir, "events.jsonl")))
        {
            d.EventLines.Add(line);
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            switch (e.GetProperty("type").GetString())
            {
                case "settlement":
                    var s = Settlement.Parse(e, line);
                    if (d.Settlements.TryGetValue(s.Id, out var existing) && existing.Raw != line)
                    {
                        throw new InvalidOperationException($"settlement {s.Id} delivered twice with different content");
                    }

                    d.Settlements[s.Id] = s;
                    break;
                case "reversal":
                    d.Reversed.Add(e.GetProperty("settlement_id").GetString()!);
                    break;
                case "admission":
                    var id = e.GetProperty("stay_id").GetString()!;
                    d.Stays.TryGetValue(id, out var a);
                    d.Stays[id] = (a ?? new Stay()) with { PatientId = e.GetProperty("patient_id").GetString()!, Admitted = Time(e, "admitted_at") };
                    break;
                case "discharge":
                    var sid = e.GetProperty("stay_id").GetString()!;
                    d.Stays.TryGetValue(sid, out var b);
                    d.Stays[sid] = (b ?? new Stay()) with { PatientId = e.GetProperty("patient_id").GetString()!, Discharged = Time(e, "discharged_at") };
                    break;
                default:
                    throw new InvalidOperationException($"unknown event type in: {line}");
            }
        }

        foreach (var e in Lines(dir, "labels.jsonl"))
        {
            d.Labels.Add(new Label(
                e.GetProperty("label_id").GetString()!,
                e.GetProperty("pattern").GetString()!,
                e.GetProperty("rules").EnumerateArray().Select(x => x.GetString()!).ToList(),
                e.GetProperty("settlement_ids").EnumerateArray().Select(x => x.GetString()!).ToList(),
                Str(e, "patient_id"),
                Str(e, "facility_id"),
                Str(e, "period"),
                e.TryGetProperty("disease_code", out var dc) ? dc.GetString() : null));
        }

        return d;
    }

    public static long Cents(JsonElement e) => (long)(e.GetDecimal() * 100m);

    public static DateTimeOffset Time(JsonElement e, string name) =>
        DateTimeOffset.ParseExact(e.GetProperty(name).GetString()!, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static DateOnly Date(JsonElement e, string name) => DateOnly.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static IEnumerable<JsonElement> Lines(string dir, string file)
    {
        foreach (var line in File.ReadLines(Path.Combine(dir, file)))
        {
            using var doc = JsonDocument.Parse(line);
            yield return doc.RootElement.Clone();
        }
    }

    internal sealed record Facility(string Kind, int Level, string Region, string City, bool EssentialOnly)
    {
        /// <summary>Contract §1: grassroots = level &lt;= 1, hospital = level &gt;= 2, pharmacies have no class.</summary>
        public string? Class => Kind == "pharmacy" ? null : Level <= 1 ? "grassroots" : "hospital";
    }

    internal sealed record Drug(string Ingredient, bool Essential, string? Gender, int? MinAge, int? MaxAge, HashSet<string> Diseases, long PriceCents);

    internal sealed record Patient(
        string Gender,
        DateOnly Birth,
        HashSet<string> Cards,
        List<(string Status, DateOnly From)> Statuses,
        List<(string Disease, DateOnly ApprovedOn, DateOnly ValidUntil)> Approvals,
        Dictionary<int, (string? Grassroots, string? Hospital)> Designated)
    {
        public string? StatusOn(DateOnly date) =>
            Statuses.Where(s => s.From <= date).OrderBy(s => s.From).Select(s => s.Status).LastOrDefault();

        public int AgeOn(DateOnly date)
        {
            var age = date.Year - Birth.Year;
            return date.Month < Birth.Month || (date.Month == Birth.Month && date.Day < Birth.Day) ? age - 1 : age;
        }
    }

    internal sealed record Stay
    {
        public string PatientId { get; init; } = "";

        public DateTimeOffset? Admitted { get; init; }

        public DateTimeOffset? Discharged { get; init; }
    }

    internal sealed record Line(int LineNo, string ItemType, string ItemCode, decimal Quantity, long UnitPrice, long Amount, int? DaysSupply);

    internal sealed record Settlement(
        string Id,
        DateTimeOffset SettledAt,
        string PatientId,
        string CardId,
        string FacilityId,
        string? PrescribingFacilityId,
        string DiseaseCode,
        string Method,
        bool Verified,
        string PresenterId,
        decimal? FaceScore,
        string? ProxyId,
        bool LongPrescription,
        string? Note,
        List<Line> Lines,
        long Total,
        long Fund,
        long Self,
        string Raw)
    {
        public DateOnly Date => DateOnly.FromDateTime(SettledAt.DateTime);

        public long DrugAmount => Lines.Where(l => l.ItemType == "drug").Sum(l => l.Amount);

        public static Settlement Parse(JsonElement e, string raw)
        {
            var id = e.GetProperty("identity");
            var rx = e.GetProperty("prescription");
            return new Settlement(
                e.GetProperty("settlement_id").GetString()!,
                Time(e, "settled_at"),
                e.GetProperty("patient_id").GetString()!,
                e.GetProperty("card_id").GetString()!,
                e.GetProperty("facility_id").GetString()!,
                Str(e, "prescribing_facility_id"),
                e.GetProperty("disease_code").GetString()!,
                id.GetProperty("method").GetString()!,
                id.GetProperty("verified").GetBoolean(),
                id.GetProperty("presenter_id").GetString()!,
                id.GetProperty("face_score").ValueKind == JsonValueKind.Null ? null : id.GetProperty("face_score").GetDecimal(),
                Str(id, "proxy_id"),
                rx.GetProperty("long_prescription").GetBoolean(),
                Str(rx, "note"),
                e.GetProperty("lines").EnumerateArray().Select(l => new Line(
                    l.GetProperty("line_no").GetInt32(),
                    l.GetProperty("item_type").GetString()!,
                    l.GetProperty("item_code").GetString()!,
                    l.GetProperty("quantity").GetDecimal(),
                    Cents(l.GetProperty("unit_price")),
                    Cents(l.GetProperty("amount")),
                    l.GetProperty("days_supply").ValueKind == JsonValueKind.Null ? null : l.GetProperty("days_supply").GetInt32())).ToList(),
                Cents(e.GetProperty("total_amount")),
                Cents(e.GetProperty("fund_paid")),
                Cents(e.GetProperty("self_paid")),
                raw);
        }
    }

    internal sealed record Label(string LabelId, string Pattern, List<string> Rules, List<string> SettlementIds, string? PatientId, string? FacilityId, string? Period, string? DiseaseCode);
}
