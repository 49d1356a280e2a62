namespace ChronicCare.Monitor.Simulation.Fraud;

/// <summary>The pattern planned for a patient; <see cref="Variant"/> picks among a pattern's variants.</summary>
internal readonly record struct PlannedSlot(FraudPattern Pattern, int Variant);
