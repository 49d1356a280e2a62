using ChronicCare.Monitor.Contract;

namespace ChronicCare.Monitor.Rules;

/// <summary>What a rule found on a settlement, before the engine turns it into an alert record.</summary>
internal sealed record AlertDraft(string Rule, Settlement Settlement, string EvidenceJson, string MessageZh, string MessageEn)
{
    /// <summary>Set on R05 (failed face check, foreign card) and R06 (deceased, transferred): contract §5 SUSPEND triggers.</summary>
    public bool SuspendTrigger { get; init; }

    /// <summary>R15: the outlier model's score.</summary>
    public double? Score { get; init; }

    public string AlertId => Alerts.Alert.IdFor(Rule, Settlement.SettlementId);
}
