using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Rules;

/// <summary>
/// R06 INELIGIBLE_BENEFIT 待遇资格异常: unknown patient; status not active on the service date; disease not
/// approved, benefit not started (month after approval) or ended (after valid_until); under a sanction in force
/// (SUSPEND, CANCEL, BAN; SELF_PAY with fund_paid &gt; 0).
/// Seeds: Baoji 四 (资格复审); Hunan 第十六条 (次月起享受); Lianyungang 二(四), 五 (暂停、取消待遇).
/// The record-based reasons are found first; the action-based ones are added once the patient's automatic
/// actions are known (an action only affects settlements with a later settled_at).
/// </summary>
internal static class EligibilityRule
{
    /// <summary>Reasons from the enrollment record alone; <paramref name="statusTrigger"/> is set for deceased/transferred (SUSPEND trigger).</summary>
    public static List<string> RecordReasons(SettlementFacts f, out bool statusTrigger)
    {
        statusTrigger = false;
        var reasons = new List<string>(0);
        var s = f.Settlement;
        if (f.Patient is not { } p)
        {
            reasons.Add("unknown_patient");
            return reasons;
        }

        var status = p.StatusOn(s.ServiceDate);
        if (status is null)
        {
            reasons.Add("no_status_in_force");
        }
        else if (status.Value.Status != PatientStatus.Active)
        {
            reasons.Add($"status:{ContractNames.Of(status.Value.Status)} since {status.Value.From:yyyy-MM-dd}");
            statusTrigger = status.Value.Status is PatientStatus.Deceased or PatientStatus.Transferred;
        }

        var approved = false;
        var covered = false;
        foreach (var d in p.Diseases)
        {
            if (string.Equals(d.DiseaseCode, s.DiseaseCode, StringComparison.Ordinal))
            {
                approved = true;
                covered |= d.Covers(s.ServiceDate);
            }
        }

        if (covered)
        {
            return reasons;
        }

        var approvals = p.Diseases.Where(d => string.Equals(d.DiseaseCode, s.DiseaseCode, StringComparison.Ordinal)).ToList();
        if (!approved)
        {
            reasons.Add($"disease_not_approved:{s.DiseaseCode}");
        }
        else
        {
            reasons.Add(approvals.All(a => s.ServiceDate < a.BenefitStart)
                ? $"benefit_not_started:from {approvals.Min(a => a.BenefitStart):yyyy-MM-dd}"
                : $"benefit_ended:valid_until {approvals.Where(a => a.ValidUntil < s.ServiceDate).Max(a => a.ValidUntil):yyyy-MM-dd}");
        }

        return reasons;
    }

    /// <summary>Reasons from sanctions in force at the settlement's instant.</summary>
    /// <param name="evidenceIds">The id each action is cited by (without its re-issue generation).</param>
    public static void AddActionReasons(Settlement s, IEnumerable<IntegrityAction> inForce, IReadOnlyDictionary<string, string> evidenceIds, List<string> reasons, List<string> actionIds)
    {
        foreach (var a in inForce)
        {
            if (!a.CoversLaterInstant(s.SettledAt.UtcTicks))
            {
                continue;
            }

            var applies = a.Action switch
            {
                ActionKind.Suspend or ActionKind.Cancel or ActionKind.Ban => true,
                ActionKind.SelfPay => s.FundPaid > 0,
                _ => false,
            };
            if (applies)
            {
                reasons.Add($"sanction:{IntegrityAction.NameOf(a.Action)}");
                actionIds.Add(evidenceIds.GetValueOrDefault(a.ActionId, a.ActionId));
            }
        }
    }

    public static AlertDraft Draft(SettlementFacts f, List<string> reasons, List<string> actionIds, bool statusTrigger)
    {
        var s = f.Settlement;
        using var e = new EvidenceBuilder();
        e.Strings("reasons", reasons).Date("service_date", s.ServiceDate).Str("disease_code", s.DiseaseCode).Num("fund_paid", s.FundPaid);
        if (actionIds.Count > 0)
        {
            e.Strings("action_ids", actionIds);
        }

        if (f.Patient is { } p)
        {
            e.Writer.WriteStartArray("approvals");
            foreach (var a in p.Diseases)
            {
                e.Writer.WriteStartObject();
                e.Writer.WriteString("disease_code", a.DiseaseCode);
                e.Writer.WriteString("benefit_start", a.BenefitStart.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                e.Writer.WriteString("valid_until", a.ValidUntil.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                e.Writer.WriteEndObject();
            }

            e.Writer.WriteEndArray();
        }

        return new AlertDraft("R06", s, e.Build(f.Notes),
            $"结算时不具备门诊慢特病待遇资格（{string.Join("、", reasons.Select(Zh))}）。",
            $"Not eligible for the benefit on {s.ServiceDate:yyyy-MM-dd}: {string.Join(", ", reasons)}.")
        {
            SuspendTrigger = statusTrigger,
        };
    }

    private static string Zh(string reason) => reason.Split(':')[0] switch
    {
        "unknown_patient" => "无参保登记",
        "no_status_in_force" => "无有效参保状态",
        "status" => "参保状态非正常",
        "disease_not_approved" => "病种未认定",
        "benefit_not_started" => "待遇尚未开始",
        "benefit_ended" => "认定已到期",
        _ => "处于待遇限制期",
    };
}
