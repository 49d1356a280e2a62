using System.Diagnostics;
using System.Text;
using Xunit;

namespace ChronicCare.Monitor.Streaming.Tests.Support;

/// <summary>Prometheus's own linter on a scraped page: `promtool check metrics` (Debian's prometheus package). Shared with the serve tests.</summary>
internal static class Promtool
{
    /// <summary>Fails with promtool's output and the page unless `promtool check metrics` accepts <paramref name="page"/>.</summary>
    public static void AssertAccepts(string page)
    {
        var file = Path.Combine(Path.GetTempPath(), $"chroniccare-metrics-{Guid.NewGuid():N}.prom");
        File.WriteAllText(file, page);
        try
        {
            var (code, output) = Check(file);
            Assert.True(code == 0, $"promtool check metrics exited {code}:\n{output}\n--- page ---\n{page}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>`promtool check metrics &lt; file`: the exit code and everything it printed.</summary>
    private static (int Code, string Output) Check(string file)
    {
        var psi = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("promtool check metrics < \"$1\"");
        psi.ArgumentList.Add("sh");
        psi.ArgumentList.Add(file);
        using var promtool = Process.Start(psi) ?? throw new InvalidOperationException("sh did not start");
        var output = new StringBuilder();
        var stderr = promtool.StandardError.ReadToEndAsync();
        output.Append(promtool.StandardOutput.ReadToEnd());
        output.Append(stderr.GetAwaiter().GetResult());
        if (!promtool.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            promtool.Kill();
            throw new TimeoutException("promtool did not finish within 30 s");
        }

        return (promtool.ExitCode, output.ToString());
    }
}
