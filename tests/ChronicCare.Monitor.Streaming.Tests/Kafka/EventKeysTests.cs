using System.Text;
using ChronicCare.Monitor.Kafka.Producing;
using Xunit;

namespace ChronicCare.Monitor.Streaming.Tests.Kafka;

/// <summary>Events are keyed by patient (contract §2); a reversal by its settlement's patient, wherever it is in the file.</summary>
public sealed class EventKeysTests
{
    private const string Settlement = """{"type":"settlement","settlement_id":"S1","settled_at":"2026-01-05T09:00:00+08:00","patient_id":"P7","card_id":"C7","facility_id":"F1","prescribing_facility_id":null,"prescriber_id":"D1","prescriber_title":"attending","disease_code":"I10","identity":{"method":"card","verified":true,"presenter_id":"H7","face_score":null,"proxy_id":null},"prescription":{"prescription_id":"RX1","long_prescription":false,"note":null},"lines":[{"line_no":1,"item_type":"drug","item_code":"D001","quantity":1,"unit_price":10,"amount":10,"days_supply":30}],"total_amount":10,"fund_paid":8,"self_paid":2}""";
    private const string Reversal = """{"type":"reversal","settlement_id":"S1","reversed_at":"2026-01-06T09:00:00+08:00"}""";

    [Fact]
    public void KeyOf_ReversalBeforeItsSettlementInTheFile_GetsTheSettlementsPatient()
    {
        var keys = EventKeys.FromLines([Reversal, Settlement]);

        Assert.Equal("P7", keys.KeyOf(Encoding.UTF8.GetBytes(Reversal)));
        Assert.Equal("P7", keys.KeyOf(Encoding.UTF8.GetBytes(Settlement)));
    }

    [Fact]
    public void KeyOf_ReversalOfUnknownSettlement_HasNoKey()
    {
        var keys = EventKeys.FromLines([Reversal]);

        Assert.Null(keys.KeyOf(Encoding.UTF8.GetBytes(Reversal)));
    }

    [Fact]
    public void KeyOf_AdmissionAndBadLine_PatientAndNone()
    {
        var keys = EventKeys.FromLines([]);

        Assert.Equal("P3", keys.KeyOf("""{"type":"admission","stay_id":"A1","patient_id":"P3","facility_id":"F1","admitted_at":"2026-01-05T09:00:00+08:00"}"""u8));
        Assert.Null(keys.KeyOf("not json"u8));
    }

    [Fact]
    public void RouteOf_ReferenceRecordAmongEvents_GoesToTheReferenceTopicKeyedByTypeAndId()
    {
        var keys = EventKeys.FromLines([]);

        var route = keys.RouteOf("""{"type":"facility","facility_id":"F9","name":"x","kind":"community","level":1,"region":"320703","essential_drugs_only":true}"""u8);

        Assert.Equal((true, "facility:F9"), route);
    }
}
