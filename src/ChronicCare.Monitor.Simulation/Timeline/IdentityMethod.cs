namespace ChronicCare.Monitor.Simulation.Timeline;

internal enum IdentityMethod
{
    Card,
    EVoucher,
    Face,
    Proxy,
}
