using ChronicCare.Monitor.ClickHouse;
using ChronicCare.Monitor.Cli.Terminal;
using ChronicCare.Monitor.Files;
using ChronicCare.Monitor.Policy;

namespace ChronicCare.Monitor.Cli.Commands;

/// <summary>Runs a command body and turns failures into a one-line reason on stderr and a meaningful exit code.</summary>
internal static class CommandRunner
{
    public static int Run(TextWriter err, Func<int> body) =>
        RunAsync(err, () => Task.FromResult(body())).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(TextWriter err, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            return Fail(err, ExitCodes.Usage, ex.Message);
        }
        catch (Monitor.Analytics.Triage.TriageRefusedException ex)
        {
            return Fail(err, ExitCodes.Refused, ex.Message);
        }
        catch (Exception ex) when (ex is InputException or PolicyException or Monitor.Outliers.ModelFormatException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return Fail(err, ExitCodes.BadInput, ex.Message);
        }
        catch (OperationCanceledException)
        {
            return Fail(err, ExitCodes.Cancelled, "cancelled");
        }
        catch (IOException ex)
        {
            return Fail(err, ExitCodes.BadInput, ex.Message);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return Fail(err, ExitCodes.BadInput, $"not valid JSON: {ex.Message}");
        }
        catch (ClickHouseException ex)
        {
            // Expected when the server is down or refuses the schema: its own message names the server and the reason.
            return Fail(err, ExitCodes.Failed, ex.Message);
        }
#pragma warning disable CA1031 // the last line of defence: one line and exit 1, never a stack trace on the user's terminal
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Fail(err, ExitCodes.Failed, $"unexpected {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static int Fail(TextWriter err, int code, string message)
    {
        err.WriteLine($"chroniccare: {message.Split('\n')[0].TrimEnd()}");
        return code;
    }
}
