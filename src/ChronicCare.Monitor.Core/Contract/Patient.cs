namespace ChronicCare.Monitor.Contract;

public enum PatientStatus
{
    Active,
    Suspended,
    Cancelled,
    Banned,
    Deceased,
    Transferred,
}

public enum InsuranceKind
{
    Employee,
    Resident,
}

/// <summary>One entry of a patient's status history: in force from <see cref="From"/> until the next entry.</summary>
public readonly record struct StatusPeriod(PatientStatus Status, DateOnly From);

/// <summary>An approved chronic disease (待遇资格认定) with its certificate validity.</summary>
public readonly record struct DiseaseApproval(string DiseaseCode, DateOnly ApprovedOn, DateOnly ValidUntil)
{
    /// <summary>Benefits start the first day of the month after approval (seed Hunan 第十六条).</summary>
    public DateOnly BenefitStart => new DateOnly(ApprovedOn.Year, ApprovedOn.Month, 1).AddMonths(1);

    /// <summary>True when the benefit covers <paramref name="date"/> (ends after valid_until: seed Baoji 四(一)).</summary>
    public bool Covers(DateOnly date) => date >= BenefitStart && date <= ValidUntil;
}

/// <summary>Designated facilities of one natural year (seed Lianyungang 三(一)).</summary>
public readonly record struct DesignatedFacilities(string? Grassroots, string? Hospital)
{
    public string? For(FacilityClass cls) => cls switch
    {
        FacilityClass.Grassroots => Grassroots,
        FacilityClass.Hospital => Hospital,
        _ => null,
    };
}

/// <summary>The enrollment record 待遇资格 (contract §1 patient).</summary>
public sealed record Patient(
    string PatientId,
    Gender Gender,
    DateOnly BirthDate,
    InsuranceKind Insurance,
    bool Retired,
    string Region,
    IReadOnlyList<string> CardIds,
    IReadOnlyList<StatusPeriod> Statuses,
    IReadOnlyList<DiseaseApproval> Diseases,
    IReadOnlyDictionary<int, DesignatedFacilities> Designated)
{
    /// <summary>The status in force on a date: the latest <c>from</c> &lt;= date; null before the first entry.</summary>
    public StatusPeriod? StatusOn(DateOnly date)
    {
        StatusPeriod? best = null;
        foreach (var s in Statuses)
        {
            if (s.From <= date && (best is null || s.From >= best.Value.From))
            {
                best = s;
            }
        }

        return best;
    }

    public bool HasCard(string cardId)
    {
        foreach (var c in CardIds)
        {
            if (string.Equals(c, cardId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Age in whole years on <paramref name="date"/>: it goes up on the birthday itself.</summary>
    public int AgeOn(DateOnly date)
    {
        var age = date.Year - BirthDate.Year;
        if (date.Month < BirthDate.Month || (date.Month == BirthDate.Month && date.Day < BirthDate.Day))
        {
            age--;
        }

        return age;
    }
}
