namespace ChronicCare.Monitor.Integrity;

/// <summary>Integrity actions of contract §5 (seed Lianyungang 五).</summary>
public enum ActionKind
{
    /// <summary>警示: heightened monitoring after a first over-prescribing incident.</summary>
    Warning,

    /// <summary>暂停待遇 pending review.</summary>
    Suspend,

    /// <summary>个人先行自付 until 31 December.</summary>
    SelfPay,

    /// <summary>取消待遇.</summary>
    Cancel,

    /// <summary>三年内限制申请.</summary>
    Ban,

    /// <summary>移交 to the authorities.</summary>
    Referral,

    /// <summary>Ends another action.</summary>
    Reinstate,
}
