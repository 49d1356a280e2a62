namespace ChronicCare.Monitor.Cli;

/// <summary>The program's outside world: where results and diagnostics go, and the clock. Tests pass their own.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, TimeProvider Time)
{
    public static CliContext System => new(Console.Out, Console.Error, TimeProvider.System);
}
