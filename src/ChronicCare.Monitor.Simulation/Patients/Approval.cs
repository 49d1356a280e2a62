namespace ChronicCare.Monitor.Simulation.Patients;

/// <summary>An approved chronic disease with its 2-year certificate (seed Baoji 四(一)).</summary>
internal sealed record Approval(int Disease, DateOnly ApprovedOn, DateOnly ValidUntil)
{
    /// <summary>Benefits start the first day of the month after approval (seed Hunan 第十六条).</summary>
    public DateOnly BenefitStart => new DateOnly(ApprovedOn.Year, ApprovedOn.Month, 1).AddMonths(1);

    public bool Covers(DateOnly date) => date >= BenefitStart && date <= ValidUntil;

    /// <summary>A certificate runs two years from approval: approved_on + 2 years − 1 day.</summary>
    public static Approval For(int disease, DateOnly approvedOn) => new(disease, approvedOn, approvedOn.AddYears(2).AddDays(-1));
}
