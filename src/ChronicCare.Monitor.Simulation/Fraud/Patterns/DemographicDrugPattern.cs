using ChronicCare.Monitor.Simulation.Patients;
using ChronicCare.Monitor.Simulation.Rules;

namespace ChronicCare.Monitor.Simulation.Fraud.Patterns;

/// <summary>
/// R08 性别/年龄限定: a drug the library restricts by age or sex, for a disease it does list. Even variants give
/// glibenclamide (max age 70) to a diabetic over 72; odd variants give raloxifene (F) to a man with osteoporosis.
/// The drug is new to the patient (no supply overlap) and only added where R10 cannot fire.
/// </summary>
internal sealed class DemographicDrugPattern : FraudPattern
{
    public override string Name => "demographic_restriction";

    public override int Rules => RuleSet.Of(8);

    public override ProfileRequirements Requirements(SimulationContext ctx, int variant) => variant % 2 == 0
        ? new() { FullCoverage = true, Disease = ctx.Catalog.DiseaseIndex("T2DM"), MinAgeAtStart = 73 }
        : new() { FullCoverage = true, Disease = ctx.Catalog.DiseaseIndex("OP"), Sex = 'M' };

    public override bool Apply(InjectionContext ic)
    {
        var byAge = ic.Variant % 2 == 0;
        var disease = ic.Ctx.Catalog.DiseaseIndex(byAge ? "T2DM" : "OP");
        var drug = PatternHelpers.IngredientProduct(ic.Ctx, byAge ? "glibenclamide" : "raloxifene", essential: byAge);
        var essential = ic.Ctx.Catalog.Drugs[drug].Essential;
        if (ic.PickFill(s => s.Disease == disease && PatternHelpers.DistinctDrugs(s) < 5 && (essential || !ic.Facility(s.Facility).EssentialOnly)) is not { } s
            || ic.UsedIngredients().Contains(ic.Ctx.Catalog.Drugs[drug].Ingredient))
        {
            return false;
        }

        var line = ic.OneOffLine(drug, Math.Min(30, PatternHelpers.DrugDays(s)));
        var room = ic.Room(s);
        if (line.AmountCents > Math.Min(room.Drug, room.Total))
        {
            return false;
        }

        s.Lines.Add(line);
        ic.Touched.Add(s);
        return true;
    }
}
