using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Herald.InsiderOne;

/// <summary>
/// Retries and pacing as configuration (STYLE.md 5): waits for Insider One's rate limit (429) outermost, with a time
/// budget of their own; then retries of 5xx and timeouts, so that each attempt waits for its own rate-limit permit (a
/// wait that never uses up a retry); then the per-attempt timeout.
/// </summary>
internal static class InsiderOneResilience
{
    public static ResiliencePipeline<HttpResponseMessage> Create(InsiderOneOptions options, System.Threading.RateLimiting.RateLimiter limiter, TimeProvider delays)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = delays };
        // Outermost: waits for the rate limit, bounded by their own time budget, never by the retry count.
        builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = args => ValueTask.FromResult(RateLimitWait.Of(args.Context).TryReserve(args.Outcome.Result, args.AttemptNumber, options)),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Constant,
            Delay = TimeSpan.Zero,
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(RateLimitWait.Of(args.Context).TakeReserved()),
        });
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(response => (int)response.StatusCode >= 500),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
            });
        }
        return builder
            .AddRateLimiter(limiter)
            .AddTimeout(options.RequestTimeout)
            .Build();
    }

    /// <summary>
    /// For fetching a segment's file from the URL Insider One hands out: retries with backoff, no rate limit (the
    /// URL is not the API) and no per-attempt timeout here (the caller bounds each attempt by the download timeout).
    /// </summary>
    public static ResiliencePipeline CreateForFiles(InsiderOneOptions options, TimeProvider delays)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = delays };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<FileDownloadException>(exception => exception.IsTransient),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
            });
        }
        return builder.Build();
    }

    public static bool IsTransient(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
}
