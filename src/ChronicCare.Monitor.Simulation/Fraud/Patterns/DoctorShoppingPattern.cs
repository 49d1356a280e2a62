using ChronicCare.Monitor.Simulation.Rules;
using ChronicCare.Monitor.Simulation.Timeline;
using ChronicCare.Monitor.Simulation.World;

namespace ChronicCare.Monitor.Simulation.Fraud.Patterns;

/// <summary>
/// R03 跨机构重复开药: days after a refill, the same drugs again on a prescription from another hospital,
/// filled at another pharmacy (a pharmacy has no class, so R04 stays silent).
/// </summary>
internal sealed class DoctorShoppingPattern : FraudPattern
{
    public override string Name => "doctor_shopping";

    public override int Rules => RuleSet.Of(3);

    public override FillTweak? Tweak(InjectionContext ic)
    {
        if (PatternHelpers.PickRefill(ic, r => !r.LongPrescription) is not { } pick)
        {
            return null;
        }

        var p = ic.Patient;
        var world = ic.Ctx.World;
        var pharmacies = world.Pharmacies[p.City].Where(f => f.Index != pick.Regimen.Facility).ToArray();
        if (pharmacies.Length == 0)
        {
            return null;
        }

        var hospitals = world.Hospitals[p.City].Where(f => f.Index != p.Hospital).ToArray();
        FacilityInfo prescriber = hospitals.Length > 0 ? ic.Rng.Pick(hospitals) : world.Facilities[p.Hospital];
        var tolerance = Math.Max(7, pick.Regimen.Days / 5);
        return new FillTweak
        {
            Regimen = pick.Regimen.Index,
            FillNumber = pick.Fill,
            ShoppingFacility = ic.Rng.Pick(pharmacies).Index,
            ShoppingPrescriber = prescriber.Index,
            ShoppingAfterDays = ic.Rng.Between(3, pick.Regimen.Days - tolerance - 3),
        };
    }

    public override bool Apply(InjectionContext ic) => ic.FillTweak is { } t && t.Produced.Count == 2;
}
