namespace ChronicCare.Monitor.Simulation; internal static class Placeholder { }
