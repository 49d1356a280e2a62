using Xunit;

namespace ChronicCare.Monitor.Streaming.Tests.Integration;

/// <summary>
/// The test classes that run `chroniccare` processes against their own servers share this collection, so they run one
/// at a time: on a 2-core machine two of them at once starve each other's servers into client timeouts.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ChildProcesses
{
    public const string Name = "child processes";
}
