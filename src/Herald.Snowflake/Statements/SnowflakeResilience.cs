using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Herald.Snowflake.Statements;

/// <summary>
/// Retries as configuration (STYLE.md 5). Outermost, 429 answers are waited out (their <c>Retry-After</c> first) within
/// their own time budget, <see cref="SnowflakeOptions.RateLimitBudget"/>; inside, 5xx answers, refused connections and
/// timeouts are retried <see cref="SnowflakeOptions.MaxRetries"/> times with jittered backoff; innermost, each attempt
/// has <see cref="SnowflakeOptions.RequestTimeout"/>. Every attempt re-sends the same <c>requestId</c>, so Snowflake
/// does not run a statement twice.
/// </summary>
internal static class SnowflakeResilience
{
    private static readonly ResiliencePropertyKey<TimeSpan> RateLimitWaited = new("herald.snowflake.rate-limit-waited");
    private static readonly ResiliencePropertyKey<TimeSpan> NextRateLimitDelay = new("herald.snowflake.next-rate-limit-delay");

    public static ResiliencePipeline<HttpResponseMessage> Create(SnowflakeOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = int.MaxValue,
            ShouldHandle = args => ValueTask.FromResult(WithinRateLimitBudget(args.Outcome.Result, args.AttemptNumber, args.Context, options, time)),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Context.Properties.GetValue(NextRateLimitDelay, options.RetryBaseDelay)),
            OnRetry = args =>
            {
                logger.LogInformation("Snowflake answered 429; waiting {Delay} before attempt {Attempt}", args.RetryDelay, args.AttemptNumber + 2);
                return ValueTask.CompletedTask;
            },
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
                OnRetry = args =>
                {
                    logger.LogWarning("Snowflake request failed ({Outcome}); retrying with the same requestId, attempt {Attempt} of {Attempts}",
                        args.Outcome.Result is { } response ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name,
                        args.AttemptNumber + 2, options.MaxRetries + 1);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.AddTimeout(options.RequestTimeout).Build();
    }

    private static bool WithinRateLimitBudget(HttpResponseMessage? response, int attempt, ResilienceContext context, SnowflakeOptions options, TimeProvider time)
    {
        if (response?.StatusCode != HttpStatusCode.TooManyRequests)
        {
            return false;
        }

        var delay = RetryAfterOf(response, time) ?? Backoff(attempt, options);
        var waited = context.Properties.GetValue(RateLimitWaited, TimeSpan.Zero);
        if (waited + delay > options.RateLimitBudget)
        {
            return false;
        }

        context.Properties.Set(RateLimitWaited, waited + delay);
        context.Properties.Set(NextRateLimitDelay, delay);
        return true;
    }

    /// <summary>Snowflake's <c>Retry-After</c> knows when its limit resets; it wins over Herald's own backoff.</summary>
    private static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider time)
    {
        if (response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        var delay = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - time.GetUtcNow() : null);
        return delay is { } d && d >= TimeSpan.Zero ? d : null;
    }

    private static TimeSpan Backoff(int attempt, SnowflakeOptions options)
    {
        var delay = options.RetryBaseDelay * Math.Pow(2, Math.Min(attempt, 16));
        return delay < options.MaxRetryDelay ? delay : options.MaxRetryDelay;
    }
}
