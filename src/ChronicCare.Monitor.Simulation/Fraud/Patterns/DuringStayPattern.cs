using ChronicCare.Monitor.Simulation.Rules;
using ChronicCare.Monitor.Simulation.Timeline;

namespace ChronicCare.Monitor.Simulation.Fraud.Patterns;

/// <summary>
/// R07 住院期间门诊结算: the patient is in hospital while a refill is settled outside (someone else picks it
/// up). The stay is placed around an ordinary refill and contains no other settlement.
/// </summary>
internal sealed class DuringStayPattern : FraudPattern
{
    public override string Name => "during_hospital_stay";

    public override int Rules => RuleSet.Of(7);

    public override bool Apply(InjectionContext ic)
    {
        var p = ic.Patient;
        if (ic.PickFill() is not { } s)
        {
            return false;
        }

        var admission = s.Date.AddDays(-ic.Rng.Between(1, 3));
        var discharge = s.Date.AddDays(ic.Rng.Between(1, 6));
        if (discharge >= p.ActiveUntil
            || ic.Timeline.Settlements.Any(o => o != s && o.Date >= admission && o.Date <= discharge)
            || ic.Timeline.Stays.Any(st => admission <= st.DischargeDate.AddDays(1) && discharge >= st.AdmissionDate.AddDays(-1)))
        {
            return false;
        }

        var hospitals = ic.Ctx.World.Hospitals[p.City];
        ic.Timeline.Stays.Add(new StayDraft
        {
            Facility = ic.Rng.Chance(0.7) ? p.Hospital : ic.Rng.Pick(hospitals).Index,
            AdmittedAt = admission.ToDateTime(new TimeOnly(ic.Rng.Between(8, 17), ic.Rng.Next(60), ic.Rng.Next(60))),
            DischargedAt = discharge.ToDateTime(new TimeOnly(ic.Rng.Between(9, 11), ic.Rng.Next(60), ic.Rng.Next(60))),
        });
        ic.Touched.Add(s);
        return true;
    }
}
