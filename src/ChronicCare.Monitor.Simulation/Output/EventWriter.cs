using System.Runtime.CompilerServices;
using System.Text.Json;
using ChronicCare.Monitor.Simulation.Patients;
using ChronicCare.Monitor.Simulation.Timeline;

namespace ChronicCare.Monitor.Simulation.Output;

/// <summary>
/// Serializes events in the contract's shapes (§2), fields in the order of the contract's examples. Codes that
/// repeat on every line (facility ids, drug codes...) are pre-encoded UTF-8.
/// </summary>
internal sealed class EventWriter
{
    private readonly JsonEncodedText[] _facilityIds;
    private readonly JsonEncodedText[] _drugCodes;
    private readonly JsonEncodedText[] _serviceCodes;
    private readonly JsonEncodedText[] _diseaseCodes;
    private readonly List<(string Raw, JsonEncodedText Encoded)> _known = new(8);

    public EventWriter(SimulationContext ctx)
    {
        _facilityIds = ctx.World.Facilities.Select(f => JsonEncodedText.Encode(f.Id)).ToArray();
        _drugCodes = ctx.Catalog.Drugs.Select(d => JsonEncodedText.Encode(d.Code)).ToArray();
        _serviceCodes = ctx.Catalog.Services.Select(s => JsonEncodedText.Encode(s.Code)).ToArray();
        _diseaseCodes = ctx.Catalog.Diseases.Select(d => JsonEncodedText.Encode(d.Code)).ToArray();
    }

    /// <summary>
    /// Pre-encodes the strings a patient's events repeat (ids of the patient, cards, presenters); the writer
    /// recognises them by reference and falls back to encoding any other string.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void BeginPatient(PatientProfile p)
    {
        _known.Clear();
        Know(p.Id);
        foreach (var c in p.Cards)
        {
            Know(c);
        }

        Know(p.PersonId);
        Know(p.RelativeId);
        if (p.SpousePersonId is not null)
        {
            Know(p.SpousePersonId);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Settlement(Utf8JsonWriter w, string patientId, SettlementDraft s)
    {
        w.WriteStartObject();
        w.WriteString(Names.Type, Names.Settlement);
        JsonFormat.Id(w, Names.SettlementId, (byte)'S', s.PatientNumber, s.Number);
        JsonFormat.Timestamp(w, Names.SettledAt, s.SettledAt);
        String(w, Names.PatientId, patientId);
        String(w, Names.CardId, s.CardId);
        w.WriteString(Names.FacilityId, _facilityIds[s.Facility]);
        if (s.PrescribingFacility >= 0)
        {
            w.WriteString(Names.PrescribingFacilityId, _facilityIds[s.PrescribingFacility]);
        }
        else
        {
            w.WriteNull(Names.PrescribingFacilityId);
        }

        w.WriteString(Names.PrescriberId, s.Prescriber.Encoded);
        w.WriteString(Names.PrescriberTitle, Names.Titles[(int)s.Prescriber.Title]);
        w.WriteString(Names.DiseaseCode, _diseaseCodes[s.Disease]);

        w.WriteStartObject(Names.Identity);
        w.WriteString(Names.Method, Names.Methods[(int)s.Method]);
        w.WriteBoolean(Names.Verified, s.Verified);
        String(w, Names.PresenterId, s.PresenterId);
        if (s.FaceScore >= 0)
        {
            JsonFormat.Money(w, Names.FaceScore, s.FaceScore);
        }
        else
        {
            w.WriteNull(Names.FaceScore);
        }

        if (s.ProxyId is null)
        {
            w.WriteNull(Names.ProxyId);
        }
        else
        {
            String(w, Names.ProxyId, s.ProxyId);
        }
        w.WriteEndObject();

        w.WriteStartObject(Names.Prescription);
        JsonFormat.Id(w, Names.PrescriptionId, (byte)'R', s.PatientNumber, s.PrescriptionNo);
        w.WriteBoolean(Names.LongPrescription, s.LongPrescription);
        NullableString(w, Names.Note, s.Note);
        w.WriteEndObject();

        w.WriteStartArray(Names.Lines);
        long total = 0;
        for (var i = 0; i < s.Lines.Count; i++)
        {
            var l = s.Lines[i];
            w.WriteStartObject();
            w.WriteNumber(Names.LineNo, i + 1);
            w.WriteString(Names.ItemType, l.IsDrug ? Names.Drug : l.IsTreatment ? Names.Treatment : Names.Exam);
            w.WriteString(Names.ItemCode, l.IsDrug ? _drugCodes[l.Item] : _serviceCodes[l.Item]);
            w.WriteNumber(Names.Quantity, l.Quantity);
            JsonFormat.Money(w, Names.UnitPrice, l.UnitPriceCents);
            JsonFormat.Money(w, Names.Amount, l.AmountCents);
            if (l.IsDrug)
            {
                w.WriteNumber(Names.DaysSupply, l.DaysSupply);
            }
            else
            {
                w.WriteNull(Names.DaysSupply);
            }

            w.WriteEndObject();
            total += l.AmountCents;
        }

        w.WriteEndArray();
        var fund = FundShare.FundCents(total, s.FundPerMille);
        JsonFormat.Money(w, Names.TotalAmount, total);
        JsonFormat.Money(w, Names.FundPaid, fund);
        JsonFormat.Money(w, Names.SelfPaid, total - fund);
        w.WriteEndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Reversal(Utf8JsonWriter w, SettlementDraft s)
    {
        w.WriteStartObject();
        w.WriteString(Names.Type, Names.Reversal);
        JsonFormat.Id(w, Names.SettlementId, (byte)'S', s.PatientNumber, s.Number);
        JsonFormat.Timestamp(w, Names.ReversedAt, s.ReversedAt);
        w.WriteEndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Admission(Utf8JsonWriter w, string patientId, StayDraft stay)
    {
        w.WriteStartObject();
        w.WriteString(Names.Type, Names.Admission);
        w.WriteString(Names.StayId, stay.Id);
        w.WriteString(Names.PatientId, patientId);
        w.WriteString(Names.FacilityId, _facilityIds[stay.Facility]);
        JsonFormat.Timestamp(w, Names.AdmittedAt, stay.AdmittedAt);
        w.WriteEndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Discharge(Utf8JsonWriter w, string patientId, StayDraft stay)
    {
        w.WriteStartObject();
        w.WriteString(Names.Type, Names.Discharge);
        w.WriteString(Names.StayId, stay.Id);
        w.WriteString(Names.PatientId, patientId);
        JsonFormat.Timestamp(w, Names.DischargedAt, stay.DischargedAt);
        w.WriteEndObject();
    }

    private void Know(string value) => _known.Add((value, JsonEncodedText.Encode(value)));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void String(Utf8JsonWriter w, JsonEncodedText name, string value)
    {
        foreach (var (raw, encoded) in _known)
        {
            if (ReferenceEquals(raw, value))
            {
                w.WriteString(name, encoded);
                return;
            }
        }

        w.WriteString(name, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NullableString(Utf8JsonWriter w, JsonEncodedText name, string? value)
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
}
