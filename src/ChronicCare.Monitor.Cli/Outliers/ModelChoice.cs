namespace ChronicCare.Monitor.Cli.Outliers;

/// <summary><c>run</c>'s model options: <c>--model</c> (see <see cref="ModelLocator"/>) and how often to look for a new version.</summary>
internal sealed record ModelChoice(string? Option, TimeSpan Poll);
