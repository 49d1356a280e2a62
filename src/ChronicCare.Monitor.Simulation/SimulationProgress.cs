namespace ChronicCare.Monitor.Simulation;

/// <summary>How far a run is: events written so far and the estimated total (extrapolated per patient).</summary>
public readonly record struct SimulationProgress(long EventsWritten, long EstimatedTotal, int PatientsDone, int Patients);
