using Microsoft.Extensions.Logging;

namespace ChronicCare.Monitor.Cli.Terminal;

/// <summary>
/// Log lines on the diagnostics writer (stderr), one per event: <c>HH:mm:ss.fff level category: message</c>.
/// Results stay alone on stdout. Messages never carry personal data (the log sources are written so).
/// </summary>
internal sealed class LineLoggerProvider : ILoggerProvider
{
    private readonly TextWriter _out;
    private readonly LogLevel _min;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    public LineLoggerProvider(TextWriter output, LogLevel min, TimeProvider time)
    {
        _out = output;
        _min = min;
        _time = time;
    }

    public ILogger CreateLogger(string categoryName) => new LineLogger(this, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    private sealed class LineLogger(LineLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._min && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var level = logLevel switch
            {
                LogLevel.Warning => "warn",
                LogLevel.Error or LogLevel.Critical => "error",
                LogLevel.Debug or LogLevel.Trace => "debug",
                _ => "info",
            };
            var line = $"{owner._time.GetLocalNow():HH:mm:ss.fff} {level} {category}: {formatter(state, exception)}";
            lock (owner._gate)
            {
                owner._out.WriteLine(line);
                owner._out.Flush();
            }
        }
    }
}
