using System.Text.Json;
using ChronicCare.Monitor.Contract;

namespace ChronicCare.Monitor.Parsing;

/// <summary>
/// Reads reference records (contract §1) from JSON, strictly. Used for the reference files and for the
/// rare upserts on the stream, so it favours clarity over speed.
/// </summary>
public static class ReferenceParser
{
    public static ParseOutcome ParseUpsert(ReadOnlySpan<byte> utf8, string type)
    {
        var reader = new Utf8JsonReader(utf8);
        using var doc = JsonDocument.ParseValue(ref reader);
        return Parse(doc.RootElement, type);
    }

    /// <summary>Parses one record of the given type (<c>facility</c>, <c>drug</c>, <c>disease</c>, <c>patient</c>).</summary>
    public static ParseOutcome Parse(JsonElement e, string type)
    {
        try
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                return ParseOutcome.Bad("not a JSON object");
            }

            return type switch
            {
                "facility" => ParseOutcome.Ok(ReferenceUpsert.Of(Facility(e))),
                "drug" => ParseOutcome.Ok(ReferenceUpsert.Of(Drug(e))),
                "disease" => ParseOutcome.Ok(ReferenceUpsert.Of(Disease(e))),
                "patient" => ParseOutcome.Ok(ReferenceUpsert.Of(Patient(e))),
                _ => ParseOutcome.Bad($"unknown reference type '{type}'"),
            };
        }
        catch (FormatException ex)
        {
            return ParseOutcome.Bad(ex.Message);
        }
    }

    private static Facility Facility(JsonElement e)
    {
        var region = Str(e, "region");
        if (region.Length != 6 || !region.All(char.IsAsciiDigit))
        {
            throw new FormatException("'region' must be 6 digits");
        }

        var level = Int(e, "level");
        if (level is < 0 or > 3)
        {
            throw new FormatException("'level' must be 0..3");
        }

        return new Facility(
            Str(e, "facility_id"),
            Str(e, "name"),
            ContractNames.FacilityKind(Str(e, "kind")) ?? throw new FormatException("'kind' must be hospital|community|clinic|pharmacy"),
            level,
            region,
            Bool(e, "essential_drugs_only"));
    }

    private static Drug Drug(JsonElement e)
    {
        var minAge = NullableInt(e, "min_age");
        var maxAge = NullableInt(e, "max_age");
        if (minAge < 0 || maxAge < 0 || (minAge is not null && maxAge is not null && minAge > maxAge))
        {
            throw new FormatException("'min_age'/'max_age' must be >= 0 with min_age <= max_age");
        }

        var price = Dec(e, "reference_unit_price");
        if (price < 0)
        {
            throw new FormatException("'reference_unit_price' must be >= 0");
        }

        var genderText = NullableStr(e, "gender");
        Gender? gender = genderText is null ? null : ContractNames.Gender(genderText) ?? throw new FormatException("'gender' must be M, F or null");
        return new Drug(
            Str(e, "drug_code"),
            Str(e, "name"),
            Str(e, "ingredient"),
            Str(e, "therapeutic_class"),
            Bool(e, "essential"),
            gender,
            minAge,
            maxAge,
            Array(e, "diseases").Select(d => d.ValueKind == JsonValueKind.String ? d.GetString()! : throw new FormatException("'diseases' must hold strings")).ToArray(),
            price);
    }

    private static Disease Disease(JsonElement e)
    {
        var quota = Dec(e, "monthly_quota");
        if (quota < 0)
        {
            throw new FormatException("'monthly_quota' must be >= 0");
        }

        return new Disease(Str(e, "disease_code"), Str(e, "name"), quota);
    }

    private static Patient Patient(JsonElement e)
    {
        var statuses = Array(e, "statuses").Select(s => new StatusPeriod(
            ContractNames.PatientStatus(Str(s, "status")) ?? throw new FormatException("'statuses[].status' is not a known status"),
            Date(s, "from"))).ToArray();
        var diseases = Array(e, "diseases").Select(d => new DiseaseApproval(Str(d, "disease_code"), Date(d, "approved_on"), Date(d, "valid_until"))).ToArray();
        var designated = new Dictionary<int, DesignatedFacilities>();
        if (e.TryGetProperty("designated", out var des) && des.ValueKind != JsonValueKind.Null)
        {
            if (des.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("'designated' must be an object keyed by year");
            }

            foreach (var year in des.EnumerateObject())
            {
                if (year.Name.Length != 4 || !int.TryParse(year.Name, out var y) || year.Value.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException("'designated' must map YYYY to {grassroots, hospital}");
                }

                designated[y] = new DesignatedFacilities(NullableStr(year.Value, "grassroots"), NullableStr(year.Value, "hospital"));
            }
        }

        return new Patient(
            Str(e, "patient_id"),
            ContractNames.Gender(Str(e, "gender")) ?? throw new FormatException("'gender' must be M or F"),
            Date(e, "birth_date"),
            ContractNames.Insurance(Str(e, "insurance")) ?? throw new FormatException("'insurance' must be employee or resident"),
            Bool(e, "retired"),
            Str(e, "region"),
            Array(e, "card_ids").Select(c => c.ValueKind == JsonValueKind.String ? c.GetString()! : throw new FormatException("'card_ids' must hold strings")).ToArray(),
            statuses,
            diseases,
            designated);
    }

    private static JsonElement Required(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v : throw new FormatException($"missing required field '{name}'");

    private static string Str(JsonElement e, string name)
    {
        var v = Required(e, name);
        return v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : throw new FormatException($"'{name}' must be a non-empty string");
    }

    private static string? NullableStr(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new FormatException($"'{name}' must be a string or null");
    }

    private static bool Bool(JsonElement e, string name) => Required(e, name).ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new FormatException($"'{name}' must be true or false"),
    };

    private static int Int(JsonElement e, string name) =>
        Required(e, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out var i) ? i : throw new FormatException($"'{name}' must be an integer");

    private static int? NullableInt(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i
        : throw new FormatException($"'{name}' must be an integer or null");

    private static decimal Dec(JsonElement e, string name) =>
        Required(e, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetDecimal(out var d) ? d : throw new FormatException($"'{name}' must be a number");

    private static DateOnly Date(JsonElement e, string name) =>
        IsoTimestamp.TryParseDate(Str(e, name), out var d) ? d : throw new FormatException($"'{name}' must be a date YYYY-MM-DD");

    private static JsonElement.ArrayEnumerator Array(JsonElement e, string name) =>
        Required(e, name) is { ValueKind: JsonValueKind.Array } v ? v.EnumerateArray() : throw new FormatException($"'{name}' must be an array");
}
