namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>
/// Which region an alert or action belongs to under a region filter: its patient's (as the month's rows give it),
/// else its facility's; a subject of no known region is kept only when there is no filter.
/// </summary>
internal sealed class SubjectRegions(RegionFilter filter, IReadOnlyDictionary<string, string> patients, IReadOnlyDictionary<string, string> facilities)
{
    public bool Matches(string? patientKey, string? facilityId)
    {
        if (filter.Prefix is null)
        {
            return true;
        }

        if (patientKey is not null && patients.TryGetValue(patientKey, out var region))
        {
            return filter.Matches(region);
        }

        return facilityId is not null && facilities.TryGetValue(facilityId, out var there) && filter.Matches(there);
    }
}
