using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Cli.Serving.Integrity;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Rules;

namespace ChronicCare.Monitor.Cli.Serving.Pages;

/// <summary>The page's bilingual words for the record's values (the report's wording where it has one).</summary>
internal static class Labels
{
    public static (string Zh, string En) Action(ActionKind kind) => kind switch
    {
        ActionKind.Warning => ("警示", "WARNING"),
        ActionKind.Suspend => ("暂停待遇", "SUSPEND"),
        ActionKind.SelfPay => ("个人先行自付", "SELF_PAY"),
        ActionKind.Cancel => ("取消待遇", "CANCEL"),
        ActionKind.Ban => ("限制申请", "BAN"),
        ActionKind.Referral => ("移交", "REFERRAL"),
        _ => ("恢复待遇", "REINSTATE"),
    };

    public static (string Zh, string En) Rung(LadderRung rung) => rung switch
    {
        LadderRung.Warning => ("警示", "WARNING"),
        LadderRung.SelfPay => ("个人先行自付", "SELF_PAY"),
        LadderRung.CancelBan => ("取消待遇并限制申请", "CANCEL + BAN"),
        _ => ("骗取或倒卖：取消、限制并移交", "Fraud or resale: CANCEL + BAN + REFERRAL"),
    };

    public static (string Zh, string En) State(StepState state) => state switch
    {
        StepState.Pending => ("待执行", "pending"),
        StepState.InForce => ("生效中", "in force"),
        StepState.Ended => ("已结束", "ended"),
        _ => ("未触发", "not reached"),
    };

    public static (string Zh, string En) State(ActionState state) => state switch
    {
        ActionState.InForce => ("生效中", "in force"),
        ActionState.Ended => ("已到期", "ended"),
        ActionState.Revoked => ("已撤销", "revoked"),
        _ => ("撤销记录", "revocation"),
    };

    public static (string Zh, string En) Review(IncidentReview review) => review switch
    {
        IncidentReview.Confirmed => ("已确认", "confirmed"),
        IncidentReview.Dismissed => ("已排除", "dismissed"),
        _ => ("待处理", "unreviewed"),
    };

    public static (string Zh, string En) Review(ReviewDecision? latest) => latest?.Verdict switch
    {
        ReviewVerdict.Confirm => ("已确认", "confirmed"),
        ReviewVerdict.Dismiss => ("已排除", "dismissed"),
        _ => ("待处理", "unreviewed"),
    };

    public static (string Zh, string En) Verdict(ReviewVerdict verdict) => verdict switch
    {
        ReviewVerdict.Confirm => ("确认", "confirm"),
        ReviewVerdict.Dismiss => ("排除", "dismiss"),
        _ => ("恢复待遇", "reinstate"),
    };

    public static (string Zh, string En) Finding(ReviewFinding finding) => finding switch
    {
        ReviewFinding.Fraud => ("骗取待遇", "fraud"),
        ReviewFinding.Resale => ("倒卖药品", "resale"),
        _ => ("规则认定", "rule"),
    };

    public static (string Zh, string En) Severity(Severity severity) => severity switch
    {
        Alerts.Severity.High => ("高", "high"),
        Alerts.Severity.Medium => ("中", "medium"),
        _ => ("低", "low"),
    };

    public static (string Zh, string En) Status(AlertStatus status) => status == AlertStatus.Open ? ("有效", "open") : ("已撤销", "withdrawn");

    public static (string Zh, string En) Rule(string code) =>
        RuleCatalog.IsKnown(code) ? (RuleCatalog.NameZh(code), RuleCatalog.Name(code)) : (code, code);

    public static string Of((string Zh, string En) label) => Html.Label(label.Zh, label.En);
}
