using Xunit;

namespace ChronicCare.Monitor.Simulation.Tests;

public sealed class SimulationOptionsTests
{
    [Theory]
    [InlineData(0, 12, 0.02)]
    [InlineData(-5, 12, 0.02)]
    [InlineData(10, 0, 0.02)]
    [InlineData(10, 121, 0.02)]
    [InlineData(10, 12, -0.01)]
    [InlineData(10, 12, 0.51)]
    [InlineData(10, 12, double.NaN)]
    public void Run_OptionOutOfRange_ThrowsArgumentExceptionWithOneLineMessage(int patients, int months, double rate)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"ccsim-bad-{Guid.NewGuid():N}");
        var ex = Assert.ThrowsAny<ArgumentException>(() => Simulator.Run(new SimulationOptions(dir, patients, months, 1, rate)));
        Assert.DoesNotContain('\n', ex.Message);
        Assert.False(Directory.Exists(dir), "nothing is written for invalid options");
    }

    [Fact]
    public void Start_NotGiven_IsFirstOfJanuary2026()
    {
        Assert.Equal(new DateOnly(2026, 1, 1), new SimulationOptions("out", 1, 1, 1).Start);
    }

    [Fact]
    public void Run_Cancelled_ThrowsOperationCanceled()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"ccsim-cancel-{Guid.NewGuid():N}");
        try
        {
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => Simulator.Run(new SimulationOptions(dir, 100, 3, 1), null, cts.Token));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, true);
            }
        }
    }

    [Fact]
    public void Run_WithProgress_ReportsUpToTheFinalCount()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"ccsim-progress-{Guid.NewGuid():N}");
        try
        {
            var reports = new List<SimulationProgress>();
            var summary = Simulator.Run(new SimulationOptions(dir, 600, 3, 1), new SynchronousProgress(reports.Add));
            Assert.NotEmpty(reports);
            Assert.Equal(summary.EventLines, reports[^1].EventsWritten);
            Assert.Equal(600, reports[^1].PatientsDone);
            Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.EventsWritten <= p.Second.EventsWritten));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private sealed class SynchronousProgress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => report(value);
    }
}
