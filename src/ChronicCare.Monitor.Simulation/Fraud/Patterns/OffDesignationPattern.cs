using ChronicCare.Monitor.Simulation.Patients;
using ChronicCare.Monitor.Simulation.Rules;
using ChronicCare.Monitor.Simulation.Timeline;
using ChronicCare.Monitor.Simulation.World;

namespace ChronicCare.Monitor.Simulation.Fraud.Patterns;

/// <summary>
/// R04 非定点就医: one refill, on time, at another facility of the class the patient is designated to. On time
/// means the remaining supply is within the tolerance, so R01/R03 stay silent; the next refill is back home.
/// </summary>
internal sealed class OffDesignationPattern : FraudPattern
{
    public override string Name => "off_designation";

    public override int Rules => RuleSet.Of(4);

    public override ProfileRequirements Requirements(SimulationContext ctx, int variant) =>
        new() { FullCoverage = true, Designated = true, Disease = PatternHelpers.CommonDisease(ctx, variant), Channel = ChannelRequirement.NonPharmacy };

    public override FillTweak? Tweak(InjectionContext ic)
    {
        var world = ic.Ctx.World;
        if (PatternHelpers.PickRefill(ic, r => world.Facilities[r.Facility].Kind != FacilityKind.Pharmacy) is not { } pick)
        {
            return null;
        }

        var home = world.Facilities[pick.Regimen.Facility];
        var allEssential = pick.Regimen.Items.All(i => ic.Ctx.Catalog.Drugs[i.Drug].Essential);
        var pool = home.Class == FacilityClass.Grassroots ? world.Grassroots[home.City] : world.Hospitals[home.City];
        var others = pool.Where(f => f.Index != home.Index && (allEssential || !f.EssentialOnly)).ToArray();
        return others.Length == 0 ? null
            : new FillTweak { Regimen = pick.Regimen.Index, FillNumber = pick.Fill, FacilityOverride = ic.Rng.Pick(others).Index };
    }

    public override bool Apply(InjectionContext ic) => ic.FillTweak is { Applied: true };
}
