using ChronicCare.Monitor.Outliers;
using Microsoft.Extensions.Logging;

namespace ChronicCare.Monitor.Cli.Outliers;

/// <summary>
/// Picks up a new model version without a restart (<c>run</c>): every poll it resolves <c>--model</c> again and, when
/// the file it names changed (another version, or the same file rewritten), loads it and swaps it into the slot. A
/// file that does not load leaves the current model in place (or the rules alone) and is reported once.
/// </summary>
internal sealed partial class ModelWatcher : IDisposable
{
    private readonly string? _option;
    private readonly OutlierModelSlot _slot;
    private readonly ILogger _log;
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private (string? Path, DateTime Written, long Length) _seen;

    public ModelWatcher(string? option, OutlierModelSlot slot, string? loadedPath, TimeSpan every, ILogger log)
    {
        _option = option;
        _slot = slot;
        _log = log;
        _seen = Stamp(loadedPath);
        _timer = new Timer(_ => Poll(), null, every, every);
    }

    /// <summary>Checks once now (the timer calls it too); true when a new model was swapped in.</summary>
    public bool Poll()
    {
        lock (_gate)
        {
            // Runs on a timer thread: whatever the file system does (a folder removed mid-poll, a file made unreadable),
            // nothing may escape and end the process; the current model stays in place.
            try
            {
                var path = ModelLocator.Resolve(_option);
                var stamp = Stamp(path);
                if (stamp == _seen || path is null)
                {
                    return false;
                }

                _seen = stamp;
                var model = ModelLocator.Load(path);
                var previous = _slot.Current?.Version;
                _slot.Current = model;
                Loaded(_log, model.Version, previous ?? "none", model.Threshold);
                return true;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Rejected(_log, e.Message, _slot.Current?.Version ?? "none (rules only)");
                return false;
            }
        }
    }

    public void Dispose() => _timer.Dispose();

    private static (string?, DateTime, long) Stamp(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return (path, default, -1);
        }

        var info = new FileInfo(path);
        return info.Exists ? (path, info.LastWriteTimeUtc, info.Length) : (path, default, -1);
    }

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "outlier model {Version} loaded (was {Previous}); R15 threshold {Threshold}")]
    private static partial void Loaded(ILogger log, string version, string previous, double threshold);

    [LoggerMessage(EventId = 602, Level = LogLevel.Error, Message = "outlier model not loaded: {Reason}; still scoring with {Current}")]
    private static partial void Rejected(ILogger log, string reason, string current);
}
