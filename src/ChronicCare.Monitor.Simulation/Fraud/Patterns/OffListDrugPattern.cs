using ChronicCare.Monitor.Simulation.Rules;

namespace ChronicCare.Monitor.Simulation.Fraud.Patterns;

/// <summary>
/// R09 超病种用药: a drug whose guide does not include the claimed disease (e.g. a statin billed under
/// hypertension), new to the patient and fitting sex, age and the facility's essential-drug rule.
/// </summary>
internal sealed class OffListDrugPattern : FraudPattern
{
    public override string Name => "drug_disease_mismatch";

    public override int Rules => RuleSet.Of(9);

    public override bool Apply(InjectionContext ic)
    {
        if (ic.PickFill(s => PatternHelpers.DistinctDrugs(s) < 5) is not { } s)
        {
            return false;
        }

        var days = Math.Min(30, PatternHelpers.DrugDays(s));
        var room = ic.Room(s);
        var products = ic.FreshProducts(s.Disease, listsDisease: false, essentialOnly: ic.Facility(s.Facility).EssentialOnly);
        products.RemoveAll(d => ic.OneOffLine(d, days).AmountCents > Math.Min(room.Drug, room.Total));
        if (products.Count == 0)
        {
            return false;
        }

        s.Lines.Add(ic.OneOffLine(ic.Rng.Pick(products), days));
        ic.Touched.Add(s);
        return true;
    }
}
