using ChronicCare.Monitor.Simulation.Patients;
using ChronicCare.Monitor.Simulation.Rules;
using ChronicCare.Monitor.Simulation.Timeline;

namespace ChronicCare.Monitor.Simulation.Fraud;

/// <summary>
/// R14 injection: one collector presents the cards of consecutive patients at one refill each within about four
/// weeks. R14 fires on a settlement when, counting it, 3+ different patients' cards were presented by that person
/// in the 30 days up to it; the label names exactly those settlements. The collector is a new person, so no
/// other settlement shares the presenter.
/// </summary>
internal static class CardCollectionRing
{
    public static LabelDraft? Apply(SimulationContext ctx, IReadOnlyList<(PatientProfile Patient, PatientTimeline Timeline)> members, string collector, Rng rng)
    {
        var windowDays = ctx.End.DayNumber - ctx.Start.DayNumber;
        if (windowDays < 60)
        {
            return null;
        }

        for (var attempt = 0; attempt < 6; attempt++)
        {
            var start = ctx.Start.AddDays(rng.Between(10, windowDays - 40));
            var chosen = new List<(PatientProfile Patient, SettlementDraft Settlement)>();
            foreach (var (patient, timeline) in members)
            {
                var s = timeline.Settlements.FirstOrDefault(x => !x.Reversed && x.Date >= start && x.Date < start.AddDays(28));
                if (s is not null)
                {
                    chosen.Add((patient, s));
                }
            }

            chosen.Sort((a, b) => a.Settlement.SettledAt.CompareTo(b.Settlement.SettledAt));
            var firing = new List<SettlementDraft>();
            foreach (var (_, s) in chosen)
            {
                var window = chosen.Count(c => c.Settlement.SettledAt > s.SettledAt.AddDays(-30) && c.Settlement.SettledAt <= s.SettledAt);
                if (window >= 3)
                {
                    firing.Add(s);
                }
            }

            if (firing.Count == 0)
            {
                continue;
            }

            foreach (var (patient, s) in chosen)
            {
                s.Method = IdentityMethod.Card;
                s.CardId = patient.Cards[0];
                s.Verified = true;
                s.FaceScore = -1;
                s.ProxyId = null;
                s.PresenterId = collector;
            }

            return new LabelDraft
            {
                Pattern = "card_collection",
                Rules = RuleSet.Of(14),
                SettlementIds = firing.Select(s => s.Id).ToList(),
                PresenterId = collector,
                PatientIds = chosen.Select(c => c.Patient.Id).ToList(),
            };
        }

        return null;
    }
}
