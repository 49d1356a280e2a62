using System.Text.Json;
using ChronicCare.Monitor.Contract;

namespace ChronicCare.Monitor.Parsing;

/// <summary>
/// Reads one event (one JSONL line or one Kafka message) strictly against contract §2 and §6: unknown fields
/// are ignored; a missing required field, a wrong type or an impossible value makes a bad event with a reason.
/// A single forward pass with <see cref="Utf8JsonReader"/> (fields may come in any order, so every known field
/// is read into a superset and checked once <c>type</c> is known). Reference upserts are rare and go through
/// <see cref="ReferenceParser"/>. Not thread-safe (it interns strings): use one parser per thread.
/// </summary>
public sealed class EventParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16 };
    private readonly StringPool _pool = new();

    // Reused for every settlement: the lines are copied once into an exact-size array.
    private readonly List<SettlementLine> _lineBuffer = new(8);

    public ParseOutcome Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return ParseCore(utf8);
        }
        catch (JsonException ex)
        {
            return ParseOutcome.Bad($"not valid JSON: {FirstLine(ex.Message)}");
        }
        catch (InvalidOperationException ex)
        {
            return ParseOutcome.Bad($"not valid JSON: {FirstLine(ex.Message)}");
        }
    }

    private static string FirstLine(string s)
    {
        var i = s.IndexOfAny(['\r', '\n']);
        return i < 0 ? s : s[..i];
    }

    private ParseOutcome ParseCore(ReadOnlySpan<byte> utf8)
    {
        var r = new Utf8JsonReader(utf8, ReaderOptions);
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
        {
            return ParseOutcome.Bad("not a JSON object");
        }

        var f = new Fields();
        string? error = null;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            string? e = null;
            if (!ReadTopField(ref r, ref f, ref e))
            {
                r.Skip();
            }

            error ??= e;
            if (e is not null)
            {
                // A mistyped value may leave the reader inside it; skip what is left of that value.
                SkipRest(ref r);
            }
        }

        if (r.TokenType != JsonTokenType.EndObject)
        {
            return ParseOutcome.Bad("not valid JSON: unterminated object");
        }

        if (r.Read())
        {
            return ParseOutcome.Bad("not valid JSON: content after the object");
        }

        return f.Type switch
        {
            null => ParseOutcome.Bad(f.TypeError ?? "missing required field 'type'"),
            "facility" or "drug" or "disease" or "patient" => ReferenceParser.ParseUpsert(utf8, f.Type),
            _ when error is not null && ContractNames.IsEventType(f.Type) => ParseOutcome.Bad(error),
            "settlement" => BuildSettlement(ref f),
            "reversal" => BuildReversal(ref f),
            "admission" => BuildAdmission(ref f),
            "discharge" => BuildDischarge(ref f),
            _ => ParseOutcome.Bad($"unknown type '{f.Type}'"),
        };
    }

    /// <summary>Property-name test; a plain span comparison unless the name is escaped.</summary>
    private static bool Is(ref Utf8JsonReader r, ReadOnlySpan<byte> name) =>
        r.ValueIsEscaped ? r.ValueTextEquals(name) : r.ValueSpan.SequenceEqual(name);

    private static void SkipRest(ref Utf8JsonReader r)
    {
        if (r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            r.Skip();
        }
    }

    private bool ReadTopField(ref Utf8JsonReader r, ref Fields f, ref string? e)
    {
        if (Is(ref r, "type"u8))
        {
            r.Read();
            if (r.TokenType == JsonTokenType.String)
            {
                f.Type = r.GetString();
            }
            else
            {
                f.TypeError = "'type' must be a string";
            }

            return true;
        }

        if (Is(ref r, "settlement_id"u8))
        {
            f.Has |= Has.SettlementId;
            _ = JsonFieldReader.String(ref r, "settlement_id", out f.SettlementId, out e);
            return true;
        }

        if (Is(ref r, "settled_at"u8))
        {
            f.Has |= Has.SettledAt;
            _ = JsonFieldReader.Timestamp(ref r, "settled_at", out f.SettledAt, out e);
            return true;
        }

        if (Is(ref r, "patient_id"u8))
        {
            f.Has |= Has.PatientId;
            _ = JsonFieldReader.String(ref r, "patient_id", out f.PatientId, out e, _pool);
            return true;
        }

        if (Is(ref r, "card_id"u8))
        {
            f.Has |= Has.CardId;
            _ = JsonFieldReader.String(ref r, "card_id", out f.CardId, out e, _pool);
            return true;
        }

        if (Is(ref r, "facility_id"u8))
        {
            f.Has |= Has.FacilityId;
            _ = JsonFieldReader.String(ref r, "facility_id", out f.FacilityId, out e, _pool);
            return true;
        }

        if (Is(ref r, "prescribing_facility_id"u8))
        {
            _ = JsonFieldReader.NullableString(ref r, "prescribing_facility_id", out f.PrescribingFacilityId, out e, _pool);
            return true;
        }

        if (Is(ref r, "prescriber_id"u8))
        {
            f.Has |= Has.PrescriberId;
            _ = JsonFieldReader.String(ref r, "prescriber_id", out f.PrescriberId, out e, _pool);
            return true;
        }

        if (Is(ref r, "prescriber_title"u8))
        {
            f.Has |= Has.PrescriberTitle;
            _ = JsonFieldReader.Enum(ref r, "prescriber_title", ContractNames.PrescriberTitle, "resident|attending|associate_chief|chief", out f.PrescriberTitle, out e);
            return true;
        }

        if (Is(ref r, "disease_code"u8))
        {
            f.Has |= Has.DiseaseCode;
            _ = JsonFieldReader.String(ref r, "disease_code", out f.DiseaseCode, out e, _pool);
            return true;
        }

        if (Is(ref r, "identity"u8))
        {
            f.Has |= Has.Identity;
            e = ReadIdentity(ref r, ref f);
            return true;
        }

        if (Is(ref r, "prescription"u8))
        {
            f.Has |= Has.Prescription;
            e = ReadPrescription(ref r, ref f);
            return true;
        }

        if (Is(ref r, "lines"u8))
        {
            f.Has |= Has.Lines;
            e = ReadLines(ref r, ref f);
            return true;
        }

        if (Is(ref r, "total_amount"u8))
        {
            f.Has |= Has.Total;
            _ = JsonFieldReader.Decimal(ref r, "total_amount", out f.Total, out e);
            return true;
        }

        if (Is(ref r, "fund_paid"u8))
        {
            f.Has |= Has.Fund;
            _ = JsonFieldReader.Decimal(ref r, "fund_paid", out f.Fund, out e);
            return true;
        }

        if (Is(ref r, "self_paid"u8))
        {
            f.Has |= Has.Self;
            _ = JsonFieldReader.Decimal(ref r, "self_paid", out f.Self, out e);
            return true;
        }

        if (Is(ref r, "reversed_at"u8))
        {
            f.Has |= Has.ReversedAt;
            _ = JsonFieldReader.Timestamp(ref r, "reversed_at", out f.ReversedAt, out e);
            return true;
        }

        if (Is(ref r, "stay_id"u8))
        {
            f.Has |= Has.StayId;
            _ = JsonFieldReader.String(ref r, "stay_id", out f.StayId, out e);
            return true;
        }

        if (Is(ref r, "admitted_at"u8))
        {
            f.Has |= Has.AdmittedAt;
            _ = JsonFieldReader.Timestamp(ref r, "admitted_at", out f.AdmittedAt, out e);
            return true;
        }

        if (Is(ref r, "discharged_at"u8))
        {
            f.Has |= Has.DischargedAt;
            _ = JsonFieldReader.Timestamp(ref r, "discharged_at", out f.DischargedAt, out e);
            return true;
        }

        return false;
    }

    private string? ReadIdentity(ref Utf8JsonReader r, ref Fields f)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.StartObject)
        {
            return "'identity' must be an object";
        }

        string? error = null;
        var has = 0;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            string? e = null;
            if (Is(ref r, "method"u8))
            {
                has |= 1;
                JsonFieldReader.Enum(ref r, "identity.method", ContractNames.IdentityMethod, "card|e_voucher|face|proxy", out f.Method, out e);
            }
            else if (Is(ref r, "verified"u8))
            {
                has |= 2;
                JsonFieldReader.Bool(ref r, "identity.verified", out f.Verified, out e);
            }
            else if (Is(ref r, "presenter_id"u8))
            {
                has |= 4;
                JsonFieldReader.String(ref r, "identity.presenter_id", out f.PresenterId, out e, _pool);
            }
            else if (Is(ref r, "face_score"u8))
            {
                JsonFieldReader.NullableDecimal(ref r, "identity.face_score", out f.FaceScore, out e);
                if (e is null && f.FaceScore is < 0m or > 1m)
                {
                    e = "'identity.face_score' must be between 0 and 1";
                }
            }
            else if (Is(ref r, "proxy_id"u8))
            {
                JsonFieldReader.NullableString(ref r, "identity.proxy_id", out f.ProxyId, out e);
            }
            else
            {
                r.Read();
                r.Skip();
            }

            if (e is not null)
            {
                SkipRest(ref r);
            }

            error ??= e;
        }

        return error ?? Missing(has, 7, ["identity.method", "identity.verified", "identity.presenter_id"]);
    }

    private static string? ReadPrescription(ref Utf8JsonReader r, ref Fields f)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.StartObject)
        {
            return "'prescription' must be an object";
        }

        string? error = null;
        var has = 0;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            string? e = null;
            if (Is(ref r, "prescription_id"u8))
            {
                has |= 1;
                JsonFieldReader.String(ref r, "prescription.prescription_id", out f.PrescriptionId, out e);
            }
            else if (Is(ref r, "long_prescription"u8))
            {
                has |= 2;
                JsonFieldReader.Bool(ref r, "prescription.long_prescription", out f.LongPrescription, out e);
            }
            else if (Is(ref r, "note"u8))
            {
                JsonFieldReader.NullableString(ref r, "prescription.note", out f.Note, out e);
            }
            else
            {
                r.Read();
                r.Skip();
            }

            if (e is not null)
            {
                SkipRest(ref r);
            }

            error ??= e;
        }

        return error ?? Missing(has, 3, ["prescription.prescription_id", "prescription.long_prescription"]);
    }

    private string? ReadLines(ref Utf8JsonReader r, ref Fields f)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.StartArray)
        {
            return "'lines' must be an array";
        }

        var lines = _lineBuffer;
        lines.Clear();
        string? error = null;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject)
            {
                error ??= $"'lines[{lines.Count}]' must be an object";
                SkipRest(ref r);
                continue;
            }

            var e = ReadLine(ref r, lines.Count, out var line);
            error ??= e;
            lines.Add(line);
        }

        f.Lines = lines;
        return error;
    }

    private string? ReadLine(ref Utf8JsonReader r, int index, out SettlementLine line)
    {
        int lineNo = 0;
        ItemType itemType = default;
        string itemCode = string.Empty;
        decimal quantity = 0, unitPrice = 0, amount = 0;
        int? days = null;
        var has = 0;
        string? error = null;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            string? e = null;
            if (Is(ref r, "line_no"u8))
            {
                has |= 1;
                JsonFieldReader.Int(ref r, "line_no", out lineNo, out e);
            }
            else if (Is(ref r, "item_type"u8))
            {
                has |= 2;
                JsonFieldReader.Enum(ref r, "item_type", ContractNames.ItemType, "drug|exam|treatment|material", out itemType, out e);
            }
            else if (Is(ref r, "item_code"u8))
            {
                has |= 4;
                JsonFieldReader.String(ref r, "item_code", out itemCode, out e, _pool);
            }
            else if (Is(ref r, "quantity"u8))
            {
                has |= 8;
                JsonFieldReader.Decimal(ref r, "quantity", out quantity, out e);
            }
            else if (Is(ref r, "unit_price"u8))
            {
                has |= 16;
                JsonFieldReader.Decimal(ref r, "unit_price", out unitPrice, out e);
            }
            else if (Is(ref r, "amount"u8))
            {
                has |= 32;
                JsonFieldReader.Decimal(ref r, "amount", out amount, out e);
            }
            else if (Is(ref r, "days_supply"u8))
            {
                has |= 64;
                JsonFieldReader.NullableInt(ref r, "days_supply", out days, out e);
            }
            else
            {
                r.Read();
                r.Skip();
            }

            if (e is not null)
            {
                SkipRest(ref r);
            }

            error ??= e;
        }

        line = new SettlementLine(lineNo, itemType, itemCode, quantity, unitPrice, amount, days);
        var prefix = error is null && has == 127 && quantity > 0 && unitPrice >= 0 && amount >= 0
            && (itemType == ItemType.Drug ? days >= 1 : days is null)
            ? null
            : $"lines[{index}]";
        if (prefix is null)
        {
            return null;
        }

        if (error is not null)
        {
            return $"{prefix}: {error}";
        }

        if (Missing(has, 63, ["line_no", "item_type", "item_code", "quantity", "unit_price", "amount"]) is { } missing)
        {
            return $"{prefix}: {missing}";
        }

        if (quantity <= 0)
        {
            return $"{prefix}: quantity must be > 0";
        }

        if (unitPrice < 0 || amount < 0)
        {
            return $"{prefix}: unit_price and amount must be >= 0";
        }

        if (itemType == ItemType.Drug && days is null or < 1)
        {
            return $"{prefix}: a drug line needs days_supply >= 1";
        }

        if (itemType != ItemType.Drug && days is not null)
        {
            return $"{prefix}: days_supply must be null for a non-drug line";
        }

        return null;
    }

    private static string? Missing(int has, int all, string[] names)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if ((all & (1 << i)) != 0 && (has & (1 << i)) == 0)
            {
                return $"missing required field '{names[i]}'";
            }
        }

        return null;
    }

    private static ParseOutcome BuildSettlement(ref Fields f)
    {
        if (f.MissingOf(Has.SettlementRequired) is { } missing)
        {
            return ParseOutcome.Bad(missing);
        }

        var lines = f.Lines!;
        if (lines.Count == 0)
        {
            return ParseOutcome.Bad("'lines' must hold at least one line");
        }

        if (f.Total < 0 || f.Fund < 0 || f.Self < 0)
        {
            return ParseOutcome.Bad("total_amount, fund_paid and self_paid must be >= 0");
        }

        if (Math.Abs(f.Fund + f.Self - f.Total) > 0.01m)
        {
            return ParseOutcome.Bad($"fund_paid + self_paid ({f.Fund + f.Self}) does not equal total_amount ({f.Total})");
        }

        decimal sum = 0;
        foreach (var l in lines)
        {
            sum += l.Amount;
        }

        if (Math.Abs(sum - f.Total) > 0.01m)
        {
            return ParseOutcome.Bad($"the line amounts add up to {sum}, not total_amount {f.Total}");
        }

        return ParseOutcome.Ok(new Settlement
        {
            SettlementId = f.SettlementId,
            SettledAt = f.SettledAt,
            PatientId = f.PatientId,
            CardId = f.CardId,
            FacilityId = f.FacilityId,
            PrescribingFacilityId = f.PrescribingFacilityId,
            PrescriberId = f.PrescriberId,
            PrescriberTitle = f.PrescriberTitle,
            DiseaseCode = f.DiseaseCode,
            Identity = new Identity(f.Method, f.Verified, f.PresenterId, f.FaceScore, f.ProxyId),
            Prescription = new Prescription(f.PrescriptionId, f.LongPrescription, f.Note),
            Lines = lines.ToArray(),
            TotalAmount = f.Total,
            FundPaid = f.Fund,
            SelfPaid = f.Self,
        });
    }

    private static ParseOutcome BuildReversal(ref Fields f) =>
        f.MissingOf(Has.SettlementId | Has.ReversedAt) is { } missing
            ? ParseOutcome.Bad(missing)
            : ParseOutcome.Ok(new Reversal { SettlementId = f.SettlementId, ReversedAt = f.ReversedAt });

    private static ParseOutcome BuildAdmission(ref Fields f) =>
        f.MissingOf(Has.StayId | Has.PatientId | Has.FacilityId | Has.AdmittedAt) is { } missing
            ? ParseOutcome.Bad(missing)
            : ParseOutcome.Ok(new Admission { StayId = f.StayId, PatientId = f.PatientId, FacilityId = f.FacilityId, AdmittedAt = f.AdmittedAt });

    private static ParseOutcome BuildDischarge(ref Fields f) =>
        f.MissingOf(Has.StayId | Has.PatientId | Has.DischargedAt) is { } missing
            ? ParseOutcome.Bad(missing)
            : ParseOutcome.Ok(new Discharge { StayId = f.StayId, PatientId = f.PatientId, DischargedAt = f.DischargedAt });

    [Flags]
    private enum Has
    {
        None = 0,
        SettlementId = 1 << 0,
        SettledAt = 1 << 1,
        PatientId = 1 << 2,
        CardId = 1 << 3,
        FacilityId = 1 << 4,
        PrescriberId = 1 << 5,
        PrescriberTitle = 1 << 6,
        DiseaseCode = 1 << 7,
        Identity = 1 << 8,
        Prescription = 1 << 9,
        Lines = 1 << 10,
        Total = 1 << 11,
        Fund = 1 << 12,
        Self = 1 << 13,
        ReversedAt = 1 << 14,
        StayId = 1 << 15,
        AdmittedAt = 1 << 16,
        DischargedAt = 1 << 17,
        SettlementRequired = SettlementId | SettledAt | PatientId | CardId | FacilityId | PrescriberId | PrescriberTitle
            | DiseaseCode | Identity | Prescription | Lines | Total | Fund | Self,
    }

    /// <summary>Every field any event type may carry; filled in one pass, checked once the type is known.</summary>
    private struct Fields
    {
        public string? Type;
        public string? TypeError;
        public Has Has;
        public string SettlementId;
        public Timestamp SettledAt;
        public string PatientId;
        public string CardId;
        public string FacilityId;
        public string? PrescribingFacilityId;
        public string PrescriberId;
        public PrescriberTitle PrescriberTitle;
        public string DiseaseCode;
        public IdentityMethod Method;
        public bool Verified;
        public string PresenterId;
        public decimal? FaceScore;
        public string? ProxyId;
        public string PrescriptionId;
        public bool LongPrescription;
        public string? Note;
        public List<SettlementLine>? Lines;
        public decimal Total;
        public decimal Fund;
        public decimal Self;
        public Timestamp ReversedAt;
        public string StayId;
        public Timestamp AdmittedAt;
        public Timestamp DischargedAt;

        public readonly string? MissingOf(Has required)
        {
            var missing = required & ~Has;
            if (missing == Has.None)
            {
                return null;
            }

            var first = (Has)((int)missing & -(int)missing);
            return $"missing required field '{ContractNames.FieldName(first.ToString())}'";
        }
    }
}
