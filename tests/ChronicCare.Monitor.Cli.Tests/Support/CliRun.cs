using Microsoft.Extensions.Time.Testing;

namespace ChronicCare.Monitor.Cli.Tests.Support;

/// <summary>Runs the <c>chroniccare</c> command in-process with captured stdout and stderr.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun Of(params string[] args)
    {
        using var o = new StringWriter();
        using var e = new StringWriter();
        var code = ChronicCareCli.RunAsync(args, new CliContext(o, e, new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)))).GetAwaiter().GetResult();
        return new CliRun(code, o.ToString(), e.ToString());
    }
}

/// <summary>Paths of the repository and of the shared contract examples beside it.</summary>
internal static class Paths
{
    public static string Repo
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChronicCare.Monitor.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    public static string Examples => Path.Combine(Repo, "..", "shared", "contract", "examples");

    public static string TempDir()
    {
        var d = Path.Combine(Path.GetTempPath(), "chroniccare-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }
}
