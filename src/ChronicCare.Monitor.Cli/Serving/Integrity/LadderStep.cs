namespace ChronicCare.Monitor.Cli.Serving.Integrity;

/// <summary>The rungs of the sanction ladder (contract §5), and fraud or resale beside it.</summary>
internal enum LadderRung
{
    /// <summary>WARNING 警示: automatic on the first incident.</summary>
    Warning,

    /// <summary>SELF_PAY 个人先行自付: the nth confirmed incident (policy, default 2nd).</summary>
    SelfPay,

    /// <summary>CANCEL 取消待遇 + BAN 限制申请: the nth confirmed incident (policy, default 3rd).</summary>
    CancelBan,

    /// <summary>CANCEL + BAN + REFERRAL 移交: fraud or resale confirmed by a supervisor.</summary>
    FraudOrResale,
}

/// <summary>Where the patient stands on one rung.</summary>
internal enum StepState
{
    NotReached,

    /// <summary>The decisions imply it; <c>detect</c>/<c>run</c> have not applied it yet.</summary>
    Pending,

    InForce,

    /// <summary>Was applied, and has ended, been revoked, or is about to be (its confirmation was dismissed).</summary>
    Ended,
}

/// <summary>One rung: at which confirmed incident it applies (null for fraud or resale) and the patient's state on it.</summary>
internal sealed record LadderStep(LadderRung Rung, int? AtIncident, StepState State);
