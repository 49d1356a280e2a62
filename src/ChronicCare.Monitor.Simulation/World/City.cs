namespace ChronicCare.Monitor.Simulation.World;

/// <summary>A county-level district: its 6-digit administrative code is the facility and patient region.</summary>
internal sealed record District(string Code, string Name);

/// <summary>A city (统筹区); the first 4 digits of every region code in it are <see cref="Code"/>.</summary>
internal sealed record City(int Index, string Code, string Name, District[] Districts, string[] HospitalNames);
