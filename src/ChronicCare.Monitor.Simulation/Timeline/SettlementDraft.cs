using ChronicCare.Monitor.Simulation.World;

namespace ChronicCare.Monitor.Simulation.Timeline;

/// <summary>A settlement being generated; mutable so that fraud patterns can edit a generated timeline.</summary>
internal sealed class SettlementDraft
{
    /// <summary>Patient number (index + 1) and position in the patient's history: the id's two parts.</summary>
    public int PatientNumber { get; set; }

    public int Number { get; set; }

    /// <summary>settlement_id: S + 8-digit patient number + 4-digit sequence (built on demand: labels only).</summary>
    public string Id => $"S{PatientNumber:D8}{Number:D4}";

    /// <summary>Creation order within the patient: a deterministic tie-breaker for sorting.</summary>
    public int Seq { get; set; }

    /// <summary>Prescription number within the patient; a reversed twin shares it with its re-settlement.</summary>
    public int PrescriptionNo { get; set; }

    /// <summary>Local time in +08:00; its date is the service date.</summary>
    public DateTime SettledAt { get; set; }

    public DateOnly Date => DateOnly.FromDateTime(SettledAt);

    public int Facility { get; set; }

    public int PrescribingFacility { get; set; } = -1;

    public Prescriber Prescriber { get; set; }

    public int Disease { get; set; }

    /// <summary>The regimen it fills, or -1 for a one-off (injected) settlement.</summary>
    public int Regimen { get; set; } = -1;

    public string CardId { get; set; } = string.Empty;

    public IdentityMethod Method { get; set; }

    public bool Verified { get; set; } = true;

    public string PresenterId { get; set; } = string.Empty;

    /// <summary>Face match score in hundredths, or -1 when not a face check.</summary>
    public int FaceScore { get; set; } = -1;

    public string? ProxyId { get; set; }

    public bool LongPrescription { get; set; }

    public string? Note { get; set; }

    public List<LineDraft> Lines { get; private set; } = new(4);

    /// <summary>The fund share of the total, in per-mille (depends on insurance and facility level).</summary>
    public int FundPerMille { get; set; }

    public bool Reversed { get; set; }

    public DateTime ReversedAt { get; set; }

    /// <summary>Written twice (a duplicate delivery).</summary>
    public bool Duplicate { get; set; }

    public long TotalCents
    {
        get
        {
            long t = 0;
            foreach (var l in Lines)
            {
                t += l.AmountCents;
            }

            return t;
        }
    }

    public long DrugCents
    {
        get
        {
            long t = 0;
            foreach (var l in Lines)
            {
                if (l.IsDrug)
                {
                    t += l.AmountCents;
                }
            }

            return t;
        }
    }

    public SettlementDraft Clone()
    {
        var c = (SettlementDraft)MemberwiseClone();
        c.Lines = new List<LineDraft>(Lines);
        return c;
    }
}
