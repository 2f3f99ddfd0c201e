using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Herald.InsiderOne;

/// <summary>
/// Retries and pacing as configuration (STYLE.md 5): retry outermost, so that each attempt waits for its
/// own rate-limit permit (a wait that never uses up a retry), then the per-attempt timeout.
/// </summary>
internal static class InsiderOneResilience
{
    public static ResiliencePipeline<HttpResponseMessage> Create(InsiderOneOptions options, System.Threading.RateLimiting.RateLimiter limiter, TimeProvider delays)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = delays };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(IsTransient),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                DelayGenerator = args => ValueTask.FromResult(RetryAfterOf(args.Outcome.Result)),
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

    /// <summary>The longest <c>Retry-After</c> Herald honours; beyond it the run would look stuck.</summary>
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromMinutes(5);

    /// <summary>Insider One's <c>Retry-After</c> wins over our own backoff: it knows when the limit resets.</summary>
    private static TimeSpan? RetryAfterOf(HttpResponseMessage? response)
    {
        if (response?.StatusCode != HttpStatusCode.TooManyRequests || response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }
        var delay = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return delay is { } d && d > TimeSpan.Zero ? (d < LongestRetryAfter ? d : LongestRetryAfter) : null;
    }
}
