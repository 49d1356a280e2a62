using ChronicCare.Monitor.Simulation.Rules;
using ChronicCare.Monitor.Simulation.Timeline;

namespace ChronicCare.Monitor.Simulation.Fraud.Patterns;

/// <summary>
/// R05 人证卡不一致: a refill settled with another (ordinary, same-city) patient's card. A card that is not the
/// patient's suspends benefits automatically (§5), so it is the patient's last settlement: anything later
/// would also be R06.
/// </summary>
internal sealed class BorrowedCardPattern : FraudPattern
{
    public override string Name => "borrowed_card";

    public override int Rules => RuleSet.Of(5);

    public override bool Apply(InjectionContext ic)
    {
        var p = ic.Patient;
        var card = ic.Lenders.Pick(p.City, ic.Rng);
        var third = ic.Ctx.Start.AddDays((ic.Ctx.End.DayNumber - ic.Ctx.Start.DayNumber) / 3);
        if (card is null || ic.PickFill(s => s.Date >= third) is not { } s)
        {
            return false;
        }

        s.CardId = card;
        s.Method = IdentityMethod.Card;
        s.Verified = true;
        s.FaceScore = -1;
        s.ProxyId = null;
        s.PresenterId = p.PersonId;
        ic.TruncateAfter(s.SettledAt);
        ic.Touched.Add(s);
        return true;
    }
}
