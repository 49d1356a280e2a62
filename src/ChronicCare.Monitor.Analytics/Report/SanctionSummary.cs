using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>Actions of one kind effective in the month, automatic or decided by a reviewer.</summary>
public sealed record SanctionCount(ActionKind Kind, long Automatic, long ByReviewer)
{
    public long Total => Automatic + ByReviewer;

    /// <summary>Contract spelling (<c>SELF_PAY</c>).</summary>
    public string Name => IntegrityAction.NameOf(Kind);

    public string NameZh => Kind switch
    {
        ActionKind.Warning => "警示",
        ActionKind.Suspend => "暂停待遇",
        ActionKind.SelfPay => "个人先行自付",
        ActionKind.Cancel => "取消待遇",
        ActionKind.Ban => "限制申请",
        ActionKind.Referral => "移交",
        _ => "恢复待遇",
    };
}

/// <summary>The integrity actions (诚信管理) whose effective_from falls in the month, every kind listed in ladder order.</summary>
public sealed record SanctionSummary(IReadOnlyList<SanctionCount> ByKind)
{
    public long Automatic => ByKind.Sum(k => k.Automatic);

    public long ByReviewer => ByKind.Sum(k => k.ByReviewer);

    public long Total => Automatic + ByReviewer;
}
