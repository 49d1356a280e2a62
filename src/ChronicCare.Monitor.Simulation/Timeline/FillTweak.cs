namespace ChronicCare.Monitor.Simulation.Timeline;

/// <summary>
/// A deviation applied while a regimen's refills are being scheduled, for the patterns whose effect on later
/// refills must follow the supply model (an early refill or a longer supply moves every later refill).
/// </summary>
internal sealed class FillTweak
{
    public required int Regimen { get; init; }

    /// <summary>0-based refill number of <see cref="Regimen"/> the tweak starts at.</summary>
    public required int FillNumber { get; init; }

    /// <summary>R01: the refill happens this many days before the stacked supply runs out (0 = off).</summary>
    public int EarlyDays { get; init; }

    /// <summary>Stockpiling: how many consecutive refills are early.</summary>
    public int EarlyRepeat { get; init; } = 1;

    /// <summary>R02: the refill's days_supply (0 = off).</summary>
    public int DaysOverride { get; init; }

    /// <summary>R04: the refill is settled at this facility instead of the regimen's (-1 = off).</summary>
    public int FacilityOverride { get; init; } = -1;

    /// <summary>R03: an extra fill of the same drugs at this other facility after the refill (-1 = off).</summary>
    public int ShoppingFacility { get; init; } = -1;

    public int ShoppingPrescriber { get; init; } = -1;

    public int ShoppingAfterDays { get; init; }

    /// <summary>The settlements the tweak produced (the ones the label is about).</summary>
    public List<SettlementDraft> Produced { get; } = [];

    public bool Applied => Produced.Count > 0;

    public bool Covers(int regimen, int fill) =>
        regimen == Regimen && fill >= FillNumber && fill < FillNumber + (EarlyDays > 0 ? EarlyRepeat : 1);
}
