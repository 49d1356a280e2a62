using System.Text;
using System.Text.Json.Nodes;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Parsing;
using Xunit;

namespace ChronicCare.Monitor.Tests.Parsing;

/// <summary>
/// Contract §2 events and §6 bad input: "Unknown fields are ignored (forward compatibility); a missing required field,
/// a wrong type, or an impossible value is a bad event"; "A bad event (not JSON, unknown `type`, missing or mistyped
/// required field, an impossible value such as a negative amount or totals that do not add up) is not processed ...
/// with ... a reason". §1: reference records arrive "by events of the same shape with `"type":"facility" | "drug" |
/// "disease" | "patient"`".
/// </summary>
public sealed class EventParserTests
{
    private const string Valid =
        """{"type":"settlement","settlement_id":"S0001","settled_at":"2026-03-01T09:12:00+08:00","patient_id":"P0001","card_id":"C0001","facility_id":"F320705002","prescribing_facility_id":null,"prescriber_id":"D1001","prescriber_title":"attending","disease_code":"HTN","identity":{"method":"face","verified":true,"presenter_id":"H0001","face_score":0.93,"proxy_id":null},"prescription":{"prescription_id":"RX0001","long_prescription":false,"note":null},"lines":[{"line_no":1,"item_type":"drug","item_code":"XC08CAA001","quantity":30,"unit_price":0.35,"amount":10.50,"days_supply":30},{"line_no":2,"item_type":"exam","item_code":"EX0101","quantity":1,"unit_price":25.00,"amount":25.00,"days_supply":null}],"total_amount":35.50,"fund_paid":28.40,"self_paid":7.10}""";

    [Fact]
    public void Parse_ValidSettlement_AllFieldsRead()
    {
        var s = Assert.IsType<Settlement>(Ok(Valid));
        Assert.Equal("S0001", s.SettlementId);
        Assert.Equal("2026-03-01T09:12:00+08:00", s.SettledAt.ToString());
        Assert.Equal(new DateOnly(2026, 3, 1), s.ServiceDate);
        Assert.Equal("P0001", s.PatientId);
        Assert.Equal("C0001", s.CardId);
        Assert.Equal("F320705002", s.FacilityId);
        Assert.Null(s.PrescribingFacilityId);
        Assert.Equal("D1001", s.PrescriberId);
        Assert.Equal(PrescriberTitle.Attending, s.PrescriberTitle);
        Assert.Equal("HTN", s.DiseaseCode);
        Assert.Equal(new Identity(IdentityMethod.Face, true, "H0001", 0.93m, null), s.Identity);
        Assert.Equal(new Prescription("RX0001", false, null), s.Prescription);
        Assert.Equal(2, s.Lines.Count);
        Assert.Equal(new SettlementLine(1, ItemType.Drug, "XC08CAA001", 30m, 0.35m, 10.50m, 30), s.Lines[0]);
        Assert.Equal(new SettlementLine(2, ItemType.Exam, "EX0101", 1m, 25.00m, 25.00m, null), s.Lines[1]);
        Assert.Equal(35.50m, s.TotalAmount);
        Assert.Equal(28.40m, s.FundPaid);
        Assert.Equal(7.10m, s.SelfPaid);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("{\"type\":\"settlement\",")]
    [InlineData("")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"type\":\"reversal\",\"settlement_id\":\"S1\",\"reversed_at\":\"2026-03-01T09:00:00+08:00\"} trailing")]
    public void Parse_NotJsonObject_BadWithReason(string text)
    {
        // §6 "not JSON".
        var reason = Bad(text);
        Assert.Contains("JSON", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownType_BadNamingIt()
    {
        // §6 "unknown type".
        var reason = Bad(With(n => n["type"] = "refund"));
        Assert.Contains("refund", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingType_Bad()
    {
        var reason = Bad(With(n => n.AsObject().Remove("type")));
        Assert.Contains("type", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("settlement_id")]
    [InlineData("settled_at")]
    [InlineData("patient_id")]
    [InlineData("card_id")]
    [InlineData("facility_id")]
    [InlineData("prescriber_id")]
    [InlineData("prescriber_title")]
    [InlineData("disease_code")]
    [InlineData("identity")]
    [InlineData("prescription")]
    [InlineData("lines")]
    [InlineData("total_amount")]
    [InlineData("fund_paid")]
    [InlineData("self_paid")]
    public void Parse_MissingRequiredTopField_BadNamingTheField(string field)
    {
        // §6 "missing ... required field"; the reason names it.
        var reason = Bad(With(n => n.AsObject().Remove(field)));
        Assert.Contains($"'{field}'", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("identity", "method")]
    [InlineData("identity", "verified")]
    [InlineData("identity", "presenter_id")]
    [InlineData("prescription", "prescription_id")]
    [InlineData("prescription", "long_prescription")]
    public void Parse_MissingRequiredNestedField_BadNamingTheField(string parent, string field)
    {
        var reason = Bad(With(n => n[parent]!.AsObject().Remove(field)));
        Assert.Contains(field, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("line_no")]
    [InlineData("item_type")]
    [InlineData("item_code")]
    [InlineData("quantity")]
    [InlineData("unit_price")]
    [InlineData("amount")]
    public void Parse_MissingRequiredLineField_BadNamingTheField(string field)
    {
        var reason = Bad(With(n => n["lines"]![0]!.AsObject().Remove(field)));
        Assert.Contains(field, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NullableFieldsAbsent_Fine()
    {
        // prescribing_facility_id, face_score, proxy_id and note are nullable: absent reads as null.
        var s = Assert.IsType<Settlement>(Ok(With(n =>
        {
            n.AsObject().Remove("prescribing_facility_id");
            n["identity"]!.AsObject().Remove("face_score");
            n["identity"]!.AsObject().Remove("proxy_id");
            n["prescription"]!.AsObject().Remove("note");
        })));
        Assert.Null(s.Identity.FaceScore);
        Assert.Null(s.Prescription.Note);
    }

    [Fact]
    public void Parse_WrongType_BadNamingTheField()
    {
        // §6 "mistyped required field".
        var reason = Bad(With(n => n["total_amount"] = "35.50"));
        Assert.Contains("total_amount", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownEnumValue_Bad()
    {
        var reason = Bad(With(n => n["identity"]!["method"] = "retina"));
        Assert.Contains("method", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NegativeLineAmount_Bad()
    {
        // §6 "an impossible value such as a negative amount" (line amounts and totals kept consistent).
        Bad(With(n =>
        {
            n["lines"]![1]!["amount"] = -25.00m;
            n["lines"]![1]!["unit_price"] = -25.00m;
            n["total_amount"] = -14.50m;
            n["fund_paid"] = -14.50m;
            n["self_paid"] = 0m;
        }));
    }

    [Fact]
    public void Parse_NegativeFundPaid_Bad()
    {
        Bad(With(n =>
        {
            n["fund_paid"] = -1.00m;
            n["self_paid"] = 36.50m;
        }));
    }

    [Fact]
    public void Parse_ZeroQuantity_Bad()
    {
        // §2 line: "quantity number > 0".
        Bad(With(n => n["lines"]![0]!["quantity"] = 0));
    }

    [Fact]
    public void Parse_FaceScoreAboveOne_Bad()
    {
        // §2 identity: "face_score: number 0..1".
        var reason = Bad(With(n => n["identity"]!["face_score"] = 1.2m));
        Assert.Contains("face_score", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LinesAddUpTo002LessThanTotal_Bad()
    {
        // §2 "The sum of line amounts equals total_amount (± 0.01)": 35.52 vs 35.50 is off by 0.02.
        Bad(With(n =>
        {
            n["total_amount"] = 35.52m;
            n["self_paid"] = 7.12m;
        }));
    }

    [Fact]
    public void Parse_LinesAddUpTo001LessThanTotal_Fine()
    {
        // Within 0.01: 35.51 vs 35.50.
        var s = Assert.IsType<Settlement>(Ok(With(n =>
        {
            n["total_amount"] = 35.51m;
            n["self_paid"] = 7.11m;
        })));
        Assert.Equal(35.51m, s.TotalAmount);
    }

    [Fact]
    public void Parse_FundPlusSelfOffBy002_Bad()
    {
        // §2 "total = fund_paid + self_paid (± 0.01)".
        Bad(With(n => n["self_paid"] = 7.12m));
    }

    [Fact]
    public void Parse_FundPlusSelfOffBy001_Fine()
    {
        Ok(With(n => n["self_paid"] = 7.11m));
    }

    [Fact]
    public void Parse_EmptyLines_Bad()
    {
        // §2 "lines [line] at least one".
        var reason = Bad(With(n =>
        {
            n["lines"] = new JsonArray();
            n["total_amount"] = 0m;
            n["fund_paid"] = 0m;
            n["self_paid"] = 0m;
        }));
        Assert.Contains("lines", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DrugLineWithNullDaysSupply_Bad()
    {
        // §2 line: "days_supply int >= 1 for drugs".
        var reason = Bad(With(n => n["lines"]![0]!["days_supply"] = null));
        Assert.Contains("days_supply", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DrugLineWithoutDaysSupply_Bad()
    {
        var reason = Bad(With(n => n["lines"]![0]!.AsObject().Remove("days_supply")));
        Assert.Contains("days_supply", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DrugLineWithZeroDaysSupply_Bad()
    {
        Bad(With(n => n["lines"]![0]!["days_supply"] = 0));
    }

    [Fact]
    public void Parse_ExamLineWithDaysSupply_Bad()
    {
        // §2 line: "days_supply ... null otherwise".
        Bad(With(n => n["lines"]![1]!["days_supply"] = 30));
    }

    [Fact]
    public void Parse_ExamLineWithoutDaysSupply_Fine()
    {
        Ok(With(n => n["lines"]![1]!.AsObject().Remove("days_supply")));
    }

    [Theory]
    [InlineData("2026-03-01T09:12:00")]
    [InlineData("2026-03-01 09:12:00+08:00")]
    [InlineData("2026-03-01")]
    [InlineData("2026-02-30T09:12:00+08:00")]
    public void Parse_TimestampWithoutOffsetOrMalformed_BadNamingTheField(string at)
    {
        // Preamble: "Timestamps are ISO-8601 with an offset".
        var reason = Bad(With(n => n["settled_at"] = at));
        Assert.Contains("settled_at", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-03-01T01:12:00Z", "2026-03-01")]
    [InlineData("2026-03-01T23:30:00-05:00", "2026-03-01")]
    [InlineData("2026-03-01T00:30:00.250+08:00", "2026-03-01")]
    public void Parse_TimestampOffsets_ServiceDateInOwnOffset(string at, string serviceDate)
    {
        // Preamble: "the service date of an event is the calendar date of its timestamp in its own offset".
        var s = Assert.IsType<Settlement>(Ok(With(n => n["settled_at"] = at)));
        Assert.Equal(DateOnly.Parse(serviceDate, System.Globalization.CultureInfo.InvariantCulture), s.ServiceDate);
    }

    [Fact]
    public void Parse_UnknownExtraFields_Ignored()
    {
        // Preamble: "Unknown fields are ignored (forward compatibility)", at any depth.
        var s = Assert.IsType<Settlement>(Ok(With(n =>
        {
            n["channel"] = new JsonObject { ["app"] = "wechat", ["tags"] = new JsonArray(1, 2, new JsonObject { ["x"] = null }) };
            n["identity"]!["device"] = "POS-17";
            n["prescription"]!["diagnosis_icd10"] = new JsonArray("I10");
            n["lines"]![0]!["batch"] = new JsonObject { ["no"] = "B1" };
        })));
        Assert.Equal("S0001", s.SettlementId);
        Assert.Equal(2, s.Lines.Count);
    }

    [Fact]
    public void Parse_TypeLast_FieldOrderIrrelevant()
    {
        var reordered = With(n =>
        {
            var o = n.AsObject();
            o.Remove("type");
            o["type"] = "settlement";
        });
        Assert.EndsWith("\"type\":\"settlement\"}", reordered, StringComparison.Ordinal);
        var s = Assert.IsType<Settlement>(Ok(reordered));
        Assert.Equal("S0001", s.SettlementId);
        Assert.Equal(35.50m, s.TotalAmount);
    }

    [Fact]
    public void Parse_FieldsReversed_Same()
    {
        var node = JsonNode.Parse(Valid)!.AsObject();
        var reversed = new JsonObject();
        foreach (var (k, v) in node.Reverse().ToList())
        {
            reversed[k] = v?.DeepClone();
        }

        var s = Assert.IsType<Settlement>(Ok(reversed.ToJsonString()));
        Assert.Equal(new Identity(IdentityMethod.Face, true, "H0001", 0.93m, null), s.Identity);
    }

    [Fact]
    public void Parse_Reversal_Reads()
    {
        var r = Assert.IsType<Reversal>(Ok("""{"type":"reversal","settlement_id":"S0002","reversed_at":"2026-03-12T16:02:00+08:00"}"""));
        Assert.Equal("S0002", r.SettlementId);
        Assert.Equal("2026-03-12T16:02:00+08:00", r.ReversedAt.ToString());
    }

    [Fact]
    public void Parse_ReversalMissingSettlementId_Bad()
    {
        var reason = Bad("""{"type":"reversal","reversed_at":"2026-03-12T16:02:00+08:00"}""");
        Assert.Contains("settlement_id", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Admission_Reads()
    {
        var a = Assert.IsType<Admission>(Ok("""{"admitted_at":"2026-03-01T08:00:00+08:00","type":"admission","stay_id":"ST1","patient_id":"P0001","facility_id":"F320705002"}"""));
        Assert.Equal("ST1", a.StayId);
        Assert.Equal("P0001", a.PatientId);
        Assert.Equal("F320705002", a.FacilityId);
        Assert.Equal("2026-03-01T08:00:00+08:00", a.AdmittedAt.ToString());
    }

    [Fact]
    public void Parse_Discharge_Reads()
    {
        var x = Assert.IsType<Discharge>(Ok("""{"type":"discharge","stay_id":"ST1","patient_id":"P0001","discharged_at":"2026-03-10T10:00:00+08:00"}"""));
        Assert.Equal("ST1", x.StayId);
        Assert.Equal("P0001", x.PatientId);
        Assert.Equal("2026-03-10T10:00:00+08:00", x.DischargedAt.ToString());
    }

    [Fact]
    public void Parse_DischargeMissingTimestamp_Bad()
    {
        var reason = Bad("""{"type":"discharge","stay_id":"ST1","patient_id":"P0001"}""");
        Assert.Contains("discharged_at", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DrugUpsert_ReferenceUpsert()
    {
        // §1 "updated at run time by events of the same shape with "type":"drug"".
        var u = Assert.IsType<ReferenceUpsert>(Ok(
            """{"type":"drug","drug_code":"XC08CAA001","name":"苯磺酸氨氯地平片 5mg","ingredient":"amlodipine","therapeutic_class":"C08CA","essential":true,"gender":null,"min_age":null,"max_age":null,"diseases":["HTN","CHD"],"reference_unit_price":0.35}"""));
        Assert.Equal("XC08CAA001", u.Key);
        var drug = Assert.IsType<Drug>(u.Record);
        Assert.Equal("amlodipine", drug.Ingredient);
        Assert.True(drug.Essential);
        Assert.Null(drug.Gender);
        Assert.Equal(["HTN", "CHD"], drug.Diseases);
    }

    [Fact]
    public void Parse_TwoParsesOnOneParser_Independent()
    {
        // A bad event does not leak into the next one on the same parser.
        var parser = new EventParser();
        Assert.True(parser.Parse(Encoding.UTF8.GetBytes(With(n => n.AsObject().Remove("card_id")))).IsBad);
        var ok = parser.Parse(Encoding.UTF8.GetBytes(Valid));
        Assert.False(ok.IsBad, ok.Error);
    }

    private static InputEvent Ok(string json)
    {
        var outcome = new EventParser().Parse(Encoding.UTF8.GetBytes(json));
        Assert.False(outcome.IsBad, outcome.Error);
        Assert.Null(outcome.Error);
        return outcome.Event!;
    }

    private static string Bad(string json)
    {
        var outcome = new EventParser().Parse(Encoding.UTF8.GetBytes(json));
        Assert.True(outcome.IsBad, $"expected a bad event, parsed {outcome.Event?.GetType().Name}");
        Assert.Null(outcome.Event);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Error));
        return outcome.Error!;
    }

    private static string With(Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(Valid)!;
        edit(node);
        return node.ToJsonString();
    }
}
