namespace ChronicCare.Monitor.Simulation.Synthea;

/// <summary>What <see cref="SyntheaImporter.Import"/> wrote, and the medication rows it skipped by reason.</summary>
public sealed record SyntheaImportSummary(
    int Patients,
    int Drugs,
    int Facilities,
    int Diseases,
    long Settlements,
    int MedicationRows,
    int ChronicRows,
    int RowsWithDispensesMerged,
    int RowsTruncatedAtDeath,
    IReadOnlyDictionary<string, int> SkippedRows);
