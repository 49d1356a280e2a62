namespace ChronicCare.Monitor.Simulation.Patients;

/// <summary>One entry of the status history (contract §1 patient.statuses).</summary>
internal readonly record struct StatusEntry(string Status, DateOnly From);
