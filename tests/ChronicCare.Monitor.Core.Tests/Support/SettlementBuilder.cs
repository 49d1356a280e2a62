using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Parsing;

namespace ChronicCare.Monitor.Tests.Support;

/// <summary>Fluent construction of settlements for rule tests. Defaults: P1 at FH1, HTN, card check verified.</summary>
internal sealed class SettlementBuilder
{
    private readonly List<SettlementLine> _lines = [];
    private string _id;
    private string _at = "2026-03-01T09:00:00+08:00";
    private string _patient = "P1";
    private string? _card;
    private string _facility = World.Hospital;
    private string _disease = "HTN";
    private Identity _identity = new(IdentityMethod.Card, true, "H-P1", null, null);
    private bool _long;
    private string? _note;
    private decimal? _fundPaid;
    private string? _prescribingFacility;

    private SettlementBuilder(string id)
    {
        _id = id;
    }

    public static SettlementBuilder S(string id) => new(id);

    public SettlementBuilder At(string isoTimestamp)
    {
        _at = isoTimestamp;
        return this;
    }

    /// <summary>Settled at 09:00 +08:00 on the given date (yyyy-MM-dd).</summary>
    public SettlementBuilder On(string date) => At($"{date}T09:00:00+08:00");

    public SettlementBuilder Patient(string id)
    {
        _patient = id;
        if (_identity.PresenterId == "H-P1")
        {
            _identity = _identity with { PresenterId = "H-" + id };
        }

        return this;
    }

    public SettlementBuilder Card(string card)
    {
        _card = card;
        return this;
    }

    public SettlementBuilder Facility(string facility)
    {
        _facility = facility;
        return this;
    }

    /// <summary>The facility that wrote the prescription (外配处方), when not the dispensing one.</summary>
    public SettlementBuilder PrescribedAt(string facility)
    {
        _prescribingFacility = facility;
        return this;
    }

    public SettlementBuilder Disease(string code)
    {
        _disease = code;
        return this;
    }

    public SettlementBuilder Identity(IdentityMethod method, bool verified = true, decimal? faceScore = null, string? proxyId = null, string? presenter = null)
    {
        _identity = new Identity(method, verified, presenter ?? _identity.PresenterId, faceScore, proxyId);
        return this;
    }

    public SettlementBuilder Presenter(string presenter)
    {
        _identity = _identity with { PresenterId = presenter };
        return this;
    }

    public SettlementBuilder Long(bool value = true)
    {
        _long = value;
        return this;
    }

    public SettlementBuilder Note(string? note)
    {
        _note = note;
        return this;
    }

    public SettlementBuilder FundPaid(decimal amount)
    {
        _fundPaid = amount;
        return this;
    }

    public SettlementBuilder Drug(string code, int days = 30, decimal amount = 10m, decimal quantity = 30m)
    {
        _lines.Add(new SettlementLine(_lines.Count + 1, ItemType.Drug, code, quantity, amount / quantity, amount, days));
        return this;
    }

    public SettlementBuilder Exam(decimal amount = 25m)
    {
        _lines.Add(new SettlementLine(_lines.Count + 1, ItemType.Exam, "EX01", 1, amount, amount, null));
        return this;
    }

    public Settlement Build()
    {
        if (_lines.Count == 0)
        {
            Drug(World.Amlodipine);
        }

        if (!IsoTimestamp.TryParse(_at, out var ts))
        {
            throw new ArgumentException($"bad timestamp {_at}");
        }

        var total = _lines.Sum(l => l.Amount);
        var fund = _fundPaid ?? Math.Round(total * 0.8m, 2);
        return new Settlement
        {
            SettlementId = _id,
            SettledAt = ts,
            PatientId = _patient,
            CardId = _card ?? World.CardOf(_patient),
            FacilityId = _facility,
            PrescribingFacilityId = _prescribingFacility,
            PrescriberId = "D1",
            PrescriberTitle = PrescriberTitle.Attending,
            DiseaseCode = _disease,
            Identity = _identity,
            Prescription = new Prescription("RX-" + _id, _long, _note),
            Lines = _lines.ToArray(),
            TotalAmount = total,
            FundPaid = fund,
            SelfPaid = total - fund,
        };
    }

    public static implicit operator Settlement(SettlementBuilder b) => b.Build();
}
