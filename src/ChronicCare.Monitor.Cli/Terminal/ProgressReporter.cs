using System.Diagnostics;

namespace ChronicCare.Monitor.Cli.Terminal;

/// <summary>
/// Progress of a long job on stderr: a live bar redrawn in place when stderr is a terminal, a plain line every
/// few seconds otherwise (logs, CI). Results never go here; they go to stdout.
/// </summary>
internal sealed class ProgressReporter : IDisposable
{
    private static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan BarInterval = TimeSpan.FromMilliseconds(200);
    private readonly TextWriter _err;
    private readonly string _label;
    private readonly long _total;
    private readonly bool _interactive;
    private readonly bool _enabled;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last = TimeSpan.Zero;
    private bool _drewBar;

    public ProgressReporter(TextWriter err, string label, long total, bool enabled, bool? interactive = null)
    {
        _err = err;
        _label = label;
        _total = total;
        _enabled = enabled;
        _interactive = interactive ?? (!Console.IsErrorRedirected && ReferenceEquals(err, Console.Error));
    }

    /// <summary>Reports <paramref name="done"/> of the total (bytes, events...) and a count of items for the rate.</summary>
    public void Report(long done, long items, string unit = "events", long? total = null)
    {
        if (!_enabled)
        {
            return;
        }

        var now = _clock.Elapsed;
        if (now - _last < (_interactive ? BarInterval : LineInterval))
        {
            return;
        }

        _last = now;
        var of = total ?? _total;
        var fraction = of > 0 ? Math.Clamp((double)done / of, 0, 1) : 0;
        var rate = items / Math.Max(now.TotalSeconds, 1e-3);
        if (_interactive)
        {
            const int width = 30;
            var filled = (int)(fraction * width);
            _err.Write($"\r{_label} [{new string('#', filled)}{new string('.', width - filled)}] {fraction,4:P0} {items:N0} {unit} {rate:N0}/s ");
            _drewBar = true;
        }
        else
        {
            _err.WriteLine($"{_label}: {fraction:P0} {items:N0} {unit} ({rate:N0}/s, {now.TotalSeconds:F0} s)");
        }
    }

    public void Dispose()
    {
        if (_drewBar)
        {
            _err.WriteLine();
        }
    }
}
