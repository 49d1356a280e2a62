using ChronicCare.Monitor.Simulation.Rules;
using ChronicCare.Monitor.Simulation.Timeline;

namespace ChronicCare.Monitor.Simulation.Fraud.Patterns;

/// <summary>
/// R05: someone else at the counter fails the face check (score below 0.80). A failed face check suspends
/// benefits automatically (§5), so it is the patient's last settlement.
/// </summary>
internal sealed class FaceCheckFailedPattern : FraudPattern
{
    public override string Name => "face_check_failed";

    public override int Rules => RuleSet.Of(5);

    public override bool Apply(InjectionContext ic)
    {
        var p = ic.Patient;
        var third = ic.Ctx.Start.AddDays((ic.Ctx.End.DayNumber - ic.Ctx.Start.DayNumber) / 3);
        if (ic.PickFill(s => s.Date >= third) is not { } s)
        {
            return false;
        }

        s.CardId = p.Cards[0];
        s.Method = IdentityMethod.Face;
        s.Verified = false;
        s.FaceScore = ic.Rng.Between(35, 78);
        s.ProxyId = null;
        s.PresenterId = p.RelativeId;
        ic.TruncateAfter(s.SettledAt);
        ic.Touched.Add(s);
        return true;
    }
}
