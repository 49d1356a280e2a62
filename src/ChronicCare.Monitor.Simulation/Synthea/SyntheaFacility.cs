namespace ChronicCare.Monitor.Simulation.Synthea;

/// <summary>A row of organizations.csv as a contract facility.</summary>
internal sealed record SyntheaFacility(string SourceId, string FacilityId, string Name, string Kind, int Level, string Region);
