namespace ChronicCare.Monitor.Outliers;

/// <summary>One feature of the outlier model: its schema name and what it measures, in words a reviewer reads.</summary>
public readonly record struct FeatureInfo(string Name, string Meaning, string MeaningZh);
