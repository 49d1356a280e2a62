using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Rules;

namespace ChronicCare.Monitor.State;

/// <summary>
/// The records a patient's state holds (settlements, stays, alerts and actions as last emitted), field by field
/// and in full: a restored engine diffs its next evaluation against them, so every field an alert or action
/// record compares on must come back exactly.
/// </summary>
internal static class RecordCodec
{
    public static void Write(StateWriter w, Settlement s)
    {
        w.Str(s.SettlementId);
        w.Time(s.SettledAt);
        w.Str(s.PatientId);
        w.Str(s.CardId);
        w.Str(s.FacilityId);
        w.Str(s.PrescribingFacilityId);
        w.Str(s.PrescriberId);
        w.Count((int)s.PrescriberTitle);
        w.Str(s.DiseaseCode);
        var id = s.Identity;
        w.Count((int)id.Method);
        w.Bool(id.Verified);
        w.Str(id.PresenterId);
        w.NullableDecimal(id.FaceScore);
        w.Str(id.ProxyId);
        w.Str(s.Prescription.PrescriptionId);
        w.Bool(s.Prescription.LongPrescription);
        w.Str(s.Prescription.Note);
        w.Count(s.Lines.Count);
        foreach (var l in s.Lines)
        {
            w.Int(l.LineNo);
            w.Count((int)l.ItemType);
            w.Str(l.ItemCode);
            w.Decimal(l.Quantity);
            w.Decimal(l.UnitPrice);
            w.Decimal(l.Amount);
            w.Bool(l.DaysSupply.HasValue);
            w.Int(l.DaysSupply ?? 0);
        }

        w.Decimal(s.TotalAmount);
        w.Decimal(s.FundPaid);
        w.Decimal(s.SelfPaid);
    }

    public static Settlement ReadSettlement(StateReader r)
    {
        var settlementId = r.RequiredStr();
        var settledAt = r.Timestamp();
        var patientId = r.RequiredStr();
        var cardId = r.RequiredStr();
        var facilityId = r.RequiredStr();
        var prescribingFacilityId = r.Str();
        var prescriberId = r.RequiredStr();
        var title = r.Enum<PrescriberTitle>();
        var disease = r.RequiredStr();
        var identity = new Identity(r.Enum<IdentityMethod>(), r.Bool(), r.RequiredStr(), r.NullableDecimal(), r.Str());
        var prescription = new Prescription(r.RequiredStr(), r.Bool(), r.Str());
        var lines = new SettlementLine[r.Count()];
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = new SettlementLine(r.Int32(), r.Enum<ItemType>(), r.RequiredStr(), r.Decimal(), r.Decimal(), r.Decimal(), NullableInt(r));
        }

        return new Settlement
        {
            SettlementId = settlementId,
            SettledAt = settledAt,
            PatientId = patientId,
            CardId = cardId,
            FacilityId = facilityId,
            PrescribingFacilityId = prescribingFacilityId,
            PrescriberId = prescriberId,
            PrescriberTitle = title,
            DiseaseCode = disease,
            Identity = identity,
            Prescription = prescription,
            Lines = lines,
            TotalAmount = r.Decimal(),
            FundPaid = r.Decimal(),
            SelfPaid = r.Decimal(),
        };
    }

    public static void Write(StateWriter w, Stay stay)
    {
        w.Str(stay.StayId);
        w.Str(stay.FacilityId);
        w.NullableDay(stay.AdmittedOn);
        w.NullableDay(stay.DischargedOn);
    }

    public static Stay ReadStay(StateReader r) =>
        new() { StayId = r.RequiredStr(), FacilityId = r.Str(), AdmittedOn = r.NullableDay(), DischargedOn = r.NullableDay() };

    public static void Write(StateWriter w, EmittedAlert emitted)
    {
        var a = emitted.Record;
        w.Str(a.AlertId);
        w.Str(a.Rule);
        w.Count((int)a.Status);
        w.Count((int)a.Severity);
        w.Str(a.PatientId);
        w.Str(a.SettlementId);
        w.Str(a.FacilityId);
        w.Str(a.Period);
        w.Str(a.EventTime);
        w.Time(a.DetectedAt);
        w.Bool(a.Score.HasValue);
        if (a.Score is { } score)
        {
            w.Double(score);
        }

        w.Str(a.EvidenceJson);
        w.Str(a.MessageZh);
        w.Str(a.MessageEn);
        w.Int(emitted.ServiceDay);
    }

    public static EmittedAlert ReadAlert(StateReader r)
    {
        var alert = new Alert(r.RequiredStr(), r.RequiredStr(), r.Enum<AlertStatus>(), r.Enum<Severity>(), r.Str(), r.Str(), r.Str(), r.Str(),
            r.RequiredStr(), r.Time(), r.Bool() ? r.Double() : null, r.RequiredStr(), r.RequiredStr(), r.RequiredStr());
        return new EmittedAlert(alert, r.Int32());
    }

    public static void Write(StateWriter w, IntegrityAction a)
    {
        w.Str(a.ActionId);
        w.Str(a.PatientId);
        w.Count((int)a.Action);
        w.Time(a.EffectiveFrom);
        w.NullableTime(a.EffectiveUntil);
        w.Str(a.ReasonRule);
        w.Count(a.AlertIds.Count);
        foreach (var id in a.AlertIds)
        {
            w.Str(id);
        }

        w.Bool(a.Automatic);
        w.Str(a.DecidedBy);
        w.Str(a.Revokes);
        w.Time(a.DecidedAt);
    }

    public static IntegrityAction ReadAction(StateReader r)
    {
        var actionId = r.RequiredStr();
        var patientId = r.RequiredStr();
        var kind = r.Enum<ActionKind>();
        var from = r.Timestamp();
        var until = r.NullableTimestamp();
        var reason = r.RequiredStr();
        var alertIds = new string[r.Count()];
        for (var i = 0; i < alertIds.Length; i++)
        {
            alertIds[i] = r.RequiredStr();
        }

        return new IntegrityAction(actionId, patientId, kind, from, until, reason, alertIds, r.Bool(), r.Str(), r.Str(), r.Time());
    }

    public static void Write(StateWriter w, ReviewDecision d)
    {
        w.Str(d.PatientId);
        w.Count((int)d.Verdict);
        w.Str(d.AlertId);
        w.Str(d.Rule);
        w.NullableDay(d.IncidentDate);
        w.Str(d.ActionId);
        w.Count((int)d.Finding);
        w.Str(d.DecidedBy);
        w.Time(d.DecidedAt);
        w.Str(d.Note);
    }

    public static ReviewDecision ReadReview(StateReader r) => new()
    {
        PatientId = r.RequiredStr(),
        Verdict = r.Enum<ReviewVerdict>(),
        AlertId = r.Str(),
        Rule = r.Str(),
        IncidentDate = r.NullableDay(),
        ActionId = r.Str(),
        Finding = r.Enum<ReviewFinding>(),
        DecidedBy = r.RequiredStr(),
        DecidedAt = r.Timestamp(),
        Note = r.Str(),
    };

    private static int? NullableInt(StateReader r)
    {
        var present = r.Bool();
        var v = r.Int32();
        return present ? v : null;
    }
}
