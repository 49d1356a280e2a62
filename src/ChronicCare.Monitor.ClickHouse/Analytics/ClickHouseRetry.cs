using Polly;
using Polly.Retry;

namespace ChronicCare.Monitor.ClickHouse.Analytics;

/// <summary>
/// Three retries with exponential backoff on what a restart, an overload or a network blip looks like from here:
/// <see cref="ClickHouseException"/> (ClickHouseHttp's one failure type: refused, timed out, or an error answer) and a
/// bare <see cref="HttpRequestException"/>. A cancellation by the caller is never retried.
/// </summary>
internal static class ClickHouseRetry
{
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromMilliseconds(200);

    public static ResiliencePipeline Create(TimeSpan firstDelay) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<ClickHouseException>().Handle<HttpRequestException>(),
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            Delay = firstDelay,
            UseJitter = true,
        })
        .Build();
}
