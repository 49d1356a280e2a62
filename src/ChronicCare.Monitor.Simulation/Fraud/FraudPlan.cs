using ChronicCare.Monitor.Simulation.Fraud.Patterns;

namespace ChronicCare.Monitor.Simulation.Fraud;

/// <summary>
/// Which patients get which deviation. round(patients × fraud rate) distinct patients are drawn (Floyd's
/// sampling, then sorted), and patterns are dealt to them in turn from a seeded shuffle of the patterns
/// feasible for this run, so every pattern gets an even share. A card-collection ring takes its patient and
/// the next three; a facility-inflation slot becomes one facility-month instead of a patient.
/// </summary>
internal sealed class FraudPlan
{
    private readonly Dictionary<int, PlannedSlot> _slots;

    private FraudPlan(Dictionary<int, PlannedSlot> slots, FacilityInflation facilities)
    {
        _slots = slots;
        Facilities = facilities;
    }

    public static IReadOnlyList<FraudPattern> AllPatterns { get; } =
    [
        new EarlyRefillPattern(stockpiling: false),
        new EarlyRefillPattern(stockpiling: true),
        new OverlongPrescriptionPattern(),
        new DoctorShoppingPattern(),
        new OffDesignationPattern(),
        new BorrowedCardPattern(),
        new FaceCheckFailedPattern(),
        new ImpossibleTravelPattern(),
        new AfterDeathPattern(),
        new BeforeBenefitPattern(),
        new AfterExpiryPattern(),
        new DuringStayPattern(),
        new DemographicDrugPattern(),
        new OffListDrugPattern(),
        new PolypharmacyPattern(),
        new NonEssentialDrugPattern(),
        new QuotaOverrunPattern(),
        new CardCollectionPattern(),
        new FacilityInflationPattern(),
        new HighCostPatientPattern(),
        new UnitPriceInflationPattern(),
        new DrugSubstitutionPattern(),
        new OddQuantityPattern(),
    ];

    public FacilityInflation Facilities { get; }

    public int PatientSlots => _slots.Count;

    public PlannedSlot? At(int index) => _slots.TryGetValue(index, out var s) ? s : null;

    public static FraudPlan Create(SimulationContext ctx)
    {
        var rng = Rng.Fork(ctx.Seed, Streams.Plan, 0);
        var n = ctx.Patients;
        var k = (int)Math.Round(n * ctx.Options.FraudRate);
        var feasible = AllPatterns.Where(p => p.IsFeasible(ctx)).ToList();
        rng.Shuffle(feasible);

        // Floyd's algorithm: k distinct indices in [0, n) with k draws.
        var chosen = new HashSet<int>();
        for (var j = n - k; j < n; j++)
        {
            var t = rng.Next(j + 1);
            chosen.Add(chosen.Contains(t) ? j : t);
        }

        var indices = chosen.ToArray();
        Array.Sort(indices);
        var slots = new Dictionary<int, PlannedSlot>();
        var facilitySlots = 0;
        var reservedUntil = -1;
        for (var j = 0; j < indices.Length && feasible.Count > 0; j++)
        {
            var index = indices[j];
            var pattern = feasible[j % feasible.Count];
            var variant = rng.Next(1 << 20);
            if (pattern.Scope == PatternScope.Facility)
            {
                facilitySlots++;
                continue;
            }

            var last = pattern.Scope == PatternScope.Ring ? index + CardCollectionPattern.RingSize - 1 : index;
            if (index <= reservedUntil || last >= n)
            {
                continue;
            }

            slots[index] = new PlannedSlot(pattern, variant);
            reservedUntil = last;
        }

        return new FraudPlan(slots, new FacilityInflation(ctx, facilitySlots, rng));
    }
}
