using ChronicCare.Monitor.Telemetry;
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
    /// <summary>The operation that makes the outputs durable (through the same breaker, but not a call to the store).</summary>
    internal const string PublishOutputs = "publish outputs";

    /// <summary>
    /// The pipeline; with <paramref name="metrics"/>, each attempt's duration by operation and the breaker's state are
    /// exported under <paramref name="store"/>.
    /// </summary>
    public static ResiliencePipeline Create(TimeProvider time, TimeSpan? breakDuration = null, MonitorMeter? metrics = null, string store = "redis")
    {
        var breaker = new CircuitBreakerStateProvider();
        var builder = new ResiliencePipelineBuilder { TimeProvider = time }
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
                StateProvider = breaker,
            });
        if (metrics is not null)
        {
            builder.AddStrategy(_ => new StoreCallTiming(metrics, store, time));
            metrics.ObserveBreaker(store, () => Position(breaker));
        }

        return builder.Build();
    }

    /// <summary>Runs a store call through the pipeline; a final failure becomes a <see cref="StoreUnavailableException"/>.</summary>
    public static async Task<T> Call<T>(this ResiliencePipeline pipeline, string what, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pipeline);

        // The operation key names the call for the timing strategy (the metrics' operation label).
        var context = ResilienceContextPool.Shared.Get(what, ct);
        try
        {
            return await pipeline.ExecuteAsync(static async (c, call) => await call(c.CancellationToken).ConfigureAwait(false), context, call).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            throw new StoreUnavailableException($"{what}: {e.Message}", e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public static Task Call(this ResiliencePipeline pipeline, string what, Func<CancellationToken, Task> call, CancellationToken ct) =>
        pipeline.Call(what, async token =>
        {
            await call(token).ConfigureAwait(false);
            return true;
        }, ct);

    // Closed too before the pipeline is built (the provider answers Closed until attached).
    private static BreakerPosition Position(CircuitBreakerStateProvider breaker) => breaker.CircuitState switch
    {
        CircuitState.Closed => BreakerPosition.Closed,
        CircuitState.HalfOpen => BreakerPosition.HalfOpen,
        _ => BreakerPosition.Open, // Open, or Isolated by hand
    };
}
