using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ChronicCare.Monitor.Reporting.Tests.Support;

/// <summary>
/// Debian's headless Chromium (/usr/bin/chromium, <c>apt-get install -y chromium</c>): dumps a page's DOM after its
/// scripts ran. A fresh profile per run, no network services, no GPU, no sandbox (containers).
/// </summary>
internal static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    /// <summary>Fails with what to install when Chromium or a CJK font is missing (CI installs both; never skipped).</summary>
    public static void Require()
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException(
                $"{Path} is missing: the report layout check needs Debian's headless Chromium (apt-get install -y chromium)");
        }

        var fonts = Run("fc-list", [":lang=zh", "family"], TimeSpan.FromSeconds(30)).Stdout;
        if (string.IsNullOrWhiteSpace(fonts))
        {
            throw new InvalidOperationException(
                "no CJK font is installed (fc-list :lang=zh is empty): Chinese would render as boxes; apt-get install -y fonts-noto-cjk");
        }
    }

    public static string DumpDom(string htmlPath, int width, int height = 1200)
    {
        var profile = Directory.CreateTempSubdirectory("chroniccare-chromium-");
        try
        {
            var (code, stdout, stderr) = Run(
                Path,
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--hide-scrollbars", $"--user-data-dir={profile.FullName}",
                    string.Create(CultureInfo.InvariantCulture, $"--window-size={width},{height}"), "--virtual-time-budget=10000",
                    "--dump-dom", new Uri(htmlPath).AbsoluteUri,
                ],
                TimeSpan.FromSeconds(120));
            if (code != 0 || stdout.Length == 0)
            {
                throw new InvalidOperationException($"chromium --dump-dom exited {code}: {Tail(stderr)}");
            }

            return stdout;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static (int Code, string Stdout, string Stderr) Run(string file, IEnumerable<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish in {timeout.TotalSeconds:0} s");
        }

        p.WaitForExit();
        return (p.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string Tail(string text) => text.Length <= 800 ? text : text[^800..];
}
