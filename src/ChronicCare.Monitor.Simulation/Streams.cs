namespace ChronicCare.Monitor.Simulation;

/// <summary>Names of the independent random streams (see <see cref="Rng.Fork"/>).</summary>
internal static class Streams
{
    public const ulong World = 0x51;
    public const ulong Profile = 0x101;
    public const ulong Timeline = 0x202;
    public const ulong Household = 0x303;
    public const ulong Plan = 0x404;
    public const ulong Fraud = 0x505;
    public const ulong Delivery = 0x606;
    public const ulong Inflation = 0x707;
    public const ulong Ring = 0x808;
}
