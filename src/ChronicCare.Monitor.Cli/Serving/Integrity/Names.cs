namespace ChronicCare.Monitor.Cli.Serving.Integrity;

/// <summary>The wire names of the integrity record's states (JSON values, page data attributes).</summary>
internal static class Names
{
    public static string Rung(LadderRung rung) => rung switch
    {
        LadderRung.Warning => "WARNING",
        LadderRung.SelfPay => "SELF_PAY",
        LadderRung.CancelBan => "CANCEL_BAN",
        _ => "FRAUD_OR_RESALE",
    };

    public static string State(StepState state) => state switch
    {
        StepState.Pending => "pending",
        StepState.InForce => "in_force",
        StepState.Ended => "ended",
        _ => "not_reached",
    };

    public static string State(ActionState state) => state switch
    {
        ActionState.InForce => "in_force",
        ActionState.Ended => "ended",
        ActionState.Revoked => "revoked",
        _ => "revocation",
    };

    public static string Review(IncidentReview review) => review switch
    {
        IncidentReview.Confirmed => "confirmed",
        IncidentReview.Dismissed => "dismissed",
        _ => "unreviewed",
    };
}
