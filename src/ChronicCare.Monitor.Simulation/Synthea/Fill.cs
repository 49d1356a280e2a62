namespace ChronicCare.Monitor.Simulation.Synthea;

/// <summary>One (monthly) fill of a chronic medication row: becomes one settlement. Facility -1 = the patient's own facility.</summary>
internal readonly record struct Fill(int Patient, int Facility, int Drug, string DiseaseCode, DateOnly Date, int DaysSupply, bool LongPrescription, long AmountCents, int Row);
