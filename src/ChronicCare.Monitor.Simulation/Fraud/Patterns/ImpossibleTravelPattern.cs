using ChronicCare.Monitor.Simulation.Rules;
using ChronicCare.Monitor.Simulation.Timeline;

namespace ChronicCare.Monitor.Simulation.Fraud.Patterns;

/// <summary>
/// R05: the patient's card settles at home and, 20-45 minutes later, at a pharmacy in another city (a cloned
/// or lent card). Both settlements fire (each is within 60 minutes of the other in another city). The remote
/// purchase is a one-off drug the patient never had, so the supply rules stay silent; the history ends there.
/// </summary>
internal sealed class ImpossibleTravelPattern : FraudPattern
{
    public override string Name => "impossible_travel";

    public override int Rules => RuleSet.Of(5);

    public override bool IsFeasible(SimulationContext ctx) => ctx.World.Cities.Length >= 2;

    public override bool Apply(InjectionContext ic)
    {
        var p = ic.Patient;
        var world = ic.Ctx.World;
        var third = ic.Ctx.Start.AddDays((ic.Ctx.End.DayNumber - ic.Ctx.Start.DayNumber) / 3);
        if (ic.PickFill(s => s.Date >= third && s.Method != IdentityMethod.Proxy) is not { } home)
        {
            return false;
        }

        var products = ic.FreshProducts(home.Disease, listsDisease: true, essentialOnly: false);
        var room = ic.Room(home);
        products.RemoveAll(d => ic.OneOffLine(d, 7).AmountCents > Math.Min(room.Drug, room.Total));
        if (products.Count == 0)
        {
            return false;
        }

        var otherCities = world.Cities.Where(c => c.Index != p.City).ToArray();
        var city = ic.Rng.Pick(otherCities).Index;
        var pharmacy = ic.Rng.Pick(world.Pharmacies[city]);
        var remote = ic.Builder.NewSettlement(p, ic.Timeline, ic.Rng, home.Disease, home.Date, pharmacy.Index);
        remote.SettledAt = home.SettledAt.AddMinutes(ic.Rng.Between(20, 45)).AddSeconds(ic.Rng.Next(60));
        remote.CardId = home.CardId;
        remote.Method = home.Method == IdentityMethod.EVoucher ? IdentityMethod.EVoucher : IdentityMethod.Card;
        remote.Verified = true;
        remote.FaceScore = -1;
        remote.ProxyId = null;
        remote.PresenterId = p.RelativeId;
        var prescriber = world.Facilities[p.Hospital];
        var doctor = ic.Rng.Pick(prescriber.Prescribers);
        remote.PrescribingFacility = prescriber.Index;
        remote.Prescriber = doctor;
        remote.Lines.Add(ic.OneOffLine(ic.Rng.Pick(products), 7));
        ic.TruncateAfter(remote.SettledAt);
        ic.Touched.Add(home);
        ic.Touched.Add(remote);
        return true;
    }
}
