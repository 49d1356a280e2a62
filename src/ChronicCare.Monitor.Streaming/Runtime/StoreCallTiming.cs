using System.Collections.Concurrent;
using ChronicCare.Monitor.Telemetry;
using Polly;

namespace ChronicCare.Monitor.Streaming.Runtime;

/// <summary>
/// The innermost strategy of the store pipeline: times each attempt that reaches the store, labelled with the
/// operation <see cref="StoreResilience.Call{T}"/> names (its <c>what</c>, in snake case). A retried call counts each
/// try; a call the open breaker refuses counts none, as it never reached the store.
/// </summary>
internal sealed class StoreCallTiming(MonitorMeter metrics, string store, TimeProvider time) : ResilienceStrategy
{
    // "save partition state" -> "save_partition_state", once per operation: the names are a handful of literals.
    private static readonly ConcurrentDictionary<string, string> Operations = new(StringComparer.Ordinal);

    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        if (context.OperationKey is not { } what || what == StoreResilience.PublishOutputs)
        {
            // The outputs' flush (Kafka deliveries, ClickHouse inserts) is no call to this store; ClickHouse times its inserts itself.
            return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }

        var start = time.GetTimestamp();
        try
        {
            return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        finally
        {
            metrics.StoreCall(store, Operations.GetOrAdd(what, static w => w.Replace(' ', '_')), time.GetElapsedTime(start));
        }
    }
}
