using ChronicCare.Monitor.Cli.Outliers;
using ChronicCare.Monitor.Cli.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ChronicCare.Monitor.Cli.Tests.Outliers;

/// <summary><c>run</c>'s hot reload (<see cref="ModelWatcher"/>): a new valid version is swapped in, a bad one is not.</summary>
public sealed class ModelWatcherTests
{
    [Fact]
    public void Poll_NewVersionsGoodBadThenGood_SwapsOnlyValidOnes()
    {
        var dir = Paths.TempDir();
        OutlierTestFiles.WriteVersion(dir, "outlier-v1", File.ReadAllBytes(OutlierTestFiles.CommittedModel));
        using var err = new StringWriter();
        var (openedSlot, path) = ModelLocator.Open(dir, err, "run");
        var slot = openedSlot!;
        Assert.Equal("outlier-v1", slot.Current?.Version);
        var log = new ListLogger();
        using var watcher = new ModelWatcher(dir, slot, path, Timeout.InfiniteTimeSpan, log);

        Assert.False(watcher.Poll());
        Assert.Equal("outlier-v1", slot.Current?.Version);

        OutlierTestFiles.WriteVersion(dir, "outlier-v2", OutlierTestFiles.CommittedAs("outlier-v2"));
        Assert.True(watcher.Poll());
        Assert.Equal("outlier-v2", slot.Current?.Version);
        Assert.Contains(log.Lines, l => l.Contains("outlier-v2 loaded (was outlier-v1)", StringComparison.Ordinal));
        Assert.False(watcher.Poll());

        var v3 = OutlierTestFiles.WriteVersion(dir, "outlier-v3", OutlierTestFiles.Truncated());
        Assert.False(watcher.Poll());
        Assert.Equal("outlier-v2", slot.Current?.Version);
        var rejected = Assert.Single(log.Lines, l => l.StartsWith("Error:", StringComparison.Ordinal));
        Assert.Contains(v3, rejected, StringComparison.Ordinal);
        Assert.Contains("still scoring with outlier-v2", rejected, StringComparison.Ordinal);

        // Reported once: polling again without a change neither reloads nor logs again.
        Assert.False(watcher.Poll());
        Assert.Single(log.Lines, l => l.StartsWith("Error:", StringComparison.Ordinal));

        File.WriteAllBytes(v3, OutlierTestFiles.CommittedAs("outlier-v3"));
        Assert.True(watcher.Poll());
        Assert.Equal("outlier-v3", slot.Current?.Version);
    }

    [Fact]
    public void Poll_StartedRulesOnlyThenFirstVersionArrives_SwapsItIn()
    {
        var dir = Paths.TempDir();
        using var err = new StringWriter();
        var (openedSlot, path) = ModelLocator.Open(dir, err, "run");
        var slot = openedSlot!;
        Assert.Null(slot.Current);
        Assert.Contains("R15 off", err.ToString(), StringComparison.Ordinal);
        using var watcher = new ModelWatcher(dir, slot, path, Timeout.InfiniteTimeSpan, new ListLogger());

        Assert.False(watcher.Poll());
        Assert.Null(slot.Current);

        OutlierTestFiles.WriteVersion(dir, "outlier-v1", File.ReadAllBytes(OutlierTestFiles.CommittedModel));
        Assert.True(watcher.Poll());
        Assert.Equal("outlier-v1", slot.Current?.Version);
    }

    [Fact]
    public void Poll_StartedWithIncompatibleModelThenFixed_SwapsFixedIn()
    {
        var dir = Paths.TempDir();
        var file = OutlierTestFiles.WriteVersion(dir, "outlier-v1", OutlierTestFiles.IncompatibleSchema());
        using var err = new StringWriter();
        var (openedSlot, path) = ModelLocator.Open(dir, err, "run");
        var slot = openedSlot!;
        Assert.Null(slot.Current);
        using var watcher = new ModelWatcher(dir, slot, path, Timeout.InfiniteTimeSpan, new ListLogger());
        Assert.False(watcher.Poll());

        File.WriteAllBytes(file, File.ReadAllBytes(OutlierTestFiles.CommittedModel));
        Assert.True(watcher.Poll());
        Assert.Equal("outlier-v1", slot.Current?.Version);
    }

    /// <summary>Collects formatted log lines as "Level: message".</summary>
    private sealed class ListLogger : ILogger
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return _lines.ToList();
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add($"{logLevel}: {formatter(state, exception)}");
            }
        }
    }

    [Fact]
    public void Poll_VersionFolderRemovedOrUnreadable_NothingEscapesAndTheModelStays()
    {
        var dir = Paths.TempDir();
        OutlierTestFiles.WriteVersion(dir, "outlier-v1", File.ReadAllBytes(OutlierTestFiles.CommittedModel));
        using var err = new StringWriter();
        var (openedSlot, path) = ModelLocator.Open(dir, err, "run");
        var slot = openedSlot!;
        var log = new ListLogger();
        using var watcher = new ModelWatcher(dir, slot, path, Timeout.InfiniteTimeSpan, log);

        // The whole models folder goes away under the running process.
        Directory.Delete(dir, recursive: true);

        Assert.False(watcher.Poll());
        Assert.Equal("outlier-v1", slot.Current?.Version);
    }
}
