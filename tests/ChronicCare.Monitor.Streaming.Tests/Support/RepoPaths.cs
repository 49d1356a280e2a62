namespace ChronicCare.Monitor.Streaming.Tests.Support;

/// <summary>Where the repository, the shared contract folder beside it, and the built `chroniccare` are.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>The `chroniccare` assembly built in the same configuration as the tests.</summary>
    public static string CliDll
    {
        get
        {
            var config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
            var dll = Path.Combine(Root, "src", "ChronicCare.Monitor.Cli", "bin", config, "net10.0", "chroniccare.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"build the CLI first: {dll}");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChronicCare.Monitor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("ChronicCare.Monitor.sln not found above the test folder");
    }
}
