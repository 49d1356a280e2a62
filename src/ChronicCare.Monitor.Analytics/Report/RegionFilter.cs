namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>A region filter: a prefix of the 6-digit region code (<c>32</c> a province, <c>3201</c> a city), or everything.</summary>
internal sealed class RegionFilter
{
    private RegionFilter(string? prefix) => Prefix = prefix;

    public static RegionFilter All { get; } = new(null);

    /// <summary>The prefix, or null for every region.</summary>
    public string? Prefix { get; }

    public static RegionFilter Parse(string? region)
    {
        if (region is null)
        {
            return All;
        }

        if (region.Length is < 1 or > 6 || !region.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"region must be 1 to 6 digits, a prefix of the 6-digit region code (e.g. 3201 for a city), not '{region}'", nameof(region));
        }

        return new RegionFilter(region);
    }

    public bool Matches(string? region) =>
        Prefix is null || (region is not null && region.StartsWith(Prefix, StringComparison.Ordinal));
}
