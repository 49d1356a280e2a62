namespace ChronicCare.Monitor.Simulation.Patients;

/// <summary>Where a required regimen must be settled so that a fraud pattern can be injected into it.</summary>
internal enum ChannelRequirement
{
    Any,

    /// <summary>A hospital or grassroots facility (exams, treatments, designation).</summary>
    NonPharmacy,

    /// <summary>A non-pharmacy facility of level &lt;= 2 (R10(a) applies there).</summary>
    LimitsDrugCount,

    /// <summary>A grassroots facility that dispenses essential drugs only (R10(b)).</summary>
    EssentialOnly,

    /// <summary>A facility that also dispenses non-essential brands (drug substitution).</summary>
    NonEssentialAllowed,
}

/// <summary>Constraints a fraud pattern puts on the patient it will be injected into.</summary>
internal sealed class ProfileRequirements
{
    public static readonly ProfileRequirements None = new();

    /// <summary>A disease the patient must have (its regimen is the one the pattern edits); -1 for any.</summary>
    public int Disease { get; init; } = -1;

    public char? Sex { get; init; }

    public int MinAgeAtStart { get; init; }

    /// <summary>Approvals cover the whole window and the patient stays active: many settlements to pick from.</summary>
    public bool FullCoverage { get; init; }

    public bool Designated { get; init; }

    public ChannelRequirement Channel { get; init; }

    /// <summary>The required disease is approved during the window (benefit-start pattern).</summary>
    public bool ApprovalDuringWindow { get; init; }

    /// <summary>The required disease's certificate expires during the window.</summary>
    public bool ExpiryDuringWindow { get; init; }

    /// <summary>The patient dies during the window.</summary>
    public bool Death { get; init; }

    /// <summary>No long prescriptions for the required disease (R11 then has one reading: the month).</summary>
    public bool NoLongPrescription { get; init; }
}
