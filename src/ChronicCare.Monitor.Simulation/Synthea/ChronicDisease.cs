namespace ChronicCare.Monitor.Simulation.Synthea;

/// <summary>A chronic disease of the contract's reference table (§1 disease) with its monthly quota in yuan.</summary>
internal sealed record ChronicDisease(string Code, string Name, int QuotaYuan);
