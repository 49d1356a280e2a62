namespace ChronicCare.Monitor.Engine;

/// <summary>Counters of what the engine has applied; for summaries and metrics (no personal data).</summary>
public sealed class EngineStats
{
    public long Settlements { get; internal set; }

    public long Reversals { get; internal set; }

    public long ReversalsBeforeSettlement { get; internal set; }

    public long Duplicates { get; internal set; }

    public long Stays { get; internal set; }

    public long ReferenceUpserts { get; internal set; }

    /// <summary>Triage decisions applied (contract §5).</summary>
    public long Reviews { get; internal set; }

    public long LateBeyondLateness { get; internal set; }

    public long PatientsEvaluated { get; internal set; }

    public long SettlementsPruned { get; internal set; }

    public int Patients { get; internal set; }
}
