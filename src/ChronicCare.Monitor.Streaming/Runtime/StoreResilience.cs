using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace ChronicCare.Monitor.Streaming.Runtime;

/// <summary>
/// Bounded retries and a circuit breaker around every state-store call (issue 4: Redis down must pause, not
/// grow memory). A call that still fails surfaces as <see cref="StoreUnavailableException"/>; while the circuit
/// is open calls fail at once, so a paused processor does not hammer a store that is down.
/// </summary>
public static class StoreResilience
{
    public static ResiliencePipeline Create(TimeProvider time, TimeSpan? breakDuration = null) => new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException and not BrokenCircuitException),
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(100),
            UseJitter = true,
        })
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
            FailureRatio = 0.5,
            MinimumThroughput = 4,
            SamplingDuration = TimeSpan.FromSeconds(10),
            BreakDuration = breakDuration ?? TimeSpan.FromSeconds(2),
        })
        .Build();

    /// <summary>Runs a store call through the pipeline; a final failure becomes a <see cref="StoreUnavailableException"/>.</summary>
    public static async Task<T> Call<T>(this ResiliencePipeline pipeline, string what, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await pipeline.ExecuteAsync(async token => await call(token).ConfigureAwait(false), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            throw new StoreUnavailableException($"{what}: {e.Message}", e);
        }
    }

    public static Task Call(this ResiliencePipeline pipeline, string what, Func<CancellationToken, Task> call, CancellationToken ct) =>
        pipeline.Call(what, async token =>
        {
            await call(token).ConfigureAwait(false);
            return true;
        }, ct);
}
