namespace ChronicCare.Monitor.Simulation.Catalog;

/// <summary>A non-drug line (exam or treatment). These are not reference data in the contract: codes only.</summary>
internal sealed record ServiceItem(int Index, string Code, string Name, long PriceCents, bool IsTreatment);
