namespace ChronicCare.Monitor.Simulation.Synthea;

/// <summary>The chronic fills (in output order), the drugs they use (sorted by code) and the rows skipped by reason.</summary>
internal sealed record MedicationExpansion(
    List<Fill> Fills,
    List<SyntheaDrug> Drugs,
    int ChronicRows,
    int MergedRows,
    int TruncatedAtDeathRows,
    SortedDictionary<string, int> Skipped);
