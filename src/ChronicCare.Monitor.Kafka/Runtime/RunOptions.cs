namespace ChronicCare.Monitor.Kafka.Runtime;

/// <summary>Settings of `chroniccare run`; validated at start.</summary>
public sealed record RunOptions
{
    public required string Bootstrap { get; init; }

    public required string Group { get; init; }

    public KafkaTopics Topics { get; init; } = new();

    /// <summary>Most events applied between two commits (default 20,000): bounds memory and a replay after a crash.</summary>
    public int MaxBatch { get; init; } = 20_000;

    /// <summary>Longest wait for a batch to fill before committing what there is (default 100 ms): bounds alert latency.</summary>
    public TimeSpan MaxBatchWait { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Stop after this long without any event once every owned partition is caught up (null: run until SIGTERM). For tests and benchmarks.</summary>
    public TimeSpan? ExitWhenIdle { get; init; }

    /// <summary>Interval of the status line on stderr (default 10 s).</summary>
    public TimeSpan StatusEvery { get; init; } = TimeSpan.FromSeconds(10);

    public RunOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(Bootstrap))
        {
            throw new ArgumentException("--kafka is required");
        }

        if (string.IsNullOrWhiteSpace(Group))
        {
            throw new ArgumentException("--group is required");
        }

        if (MaxBatch < 1)
        {
            throw new ArgumentException("--max-batch must be at least 1");
        }

        if (MaxBatchWait < TimeSpan.Zero || MaxBatchWait > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException("--max-batch-wait must be between 0 and 60000 ms");
        }

        Topics.Validate();
        return this;
    }
}
