using System.Net;
using Polly;

namespace Herald.InsiderOne;

/// <summary>
/// One request's waits for Insider One's rate limit (429), kept apart from the retry budget for 5xx and timeouts
/// (insider-one.md section 1: "a rate-limited wait must not use up the retry budget"). A 429 is retried for as long
/// as the waits fit in <see cref="InsiderOneOptions.RateLimitWaitBudget"/>; each wait is Insider One's
/// <c>Retry-After</c>, or Herald's own backoff when it gives none.
/// </summary>
internal sealed class RateLimitWait
{
    public static readonly ResiliencePropertyKey<RateLimitWait> Key = new("herald.rate-limit-wait");

    /// <summary>The longest <c>Retry-After</c> Herald honours; beyond it the run would look stuck.</summary>
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromMinutes(5);

    private TimeSpan? _next;

    /// <summary>How long this request has waited for the rate limit so far.</summary>
    public TimeSpan Waited { get; private set; }

    /// <summary>The wait was refused because it would have gone over the budget.</summary>
    public bool BudgetSpent { get; private set; }

    public static RateLimitWait Of(ResilienceContext context)
    {
        if (!context.Properties.TryGetValue(Key, out var wait))
        {
            wait = new RateLimitWait();
            context.Properties.Set(Key, wait);
        }
        return wait;
    }

    /// <summary>Whether to wait and try again after this answer; reserves the wait when so.</summary>
    public bool TryReserve(HttpResponseMessage? response, int attempt, InsiderOneOptions options)
    {
        if (response?.StatusCode != HttpStatusCode.TooManyRequests)
        {
            return false;
        }
        var delay = RetryAfterOf(response) ?? Backoff(attempt, options);
        if (Waited + delay > options.RateLimitWaitBudget)
        {
            BudgetSpent = true;
            return false;
        }
        _next = delay;
        return true;
    }

    /// <summary>The wait reserved by <see cref="TryReserve"/>, counted as waited.</summary>
    public TimeSpan TakeReserved()
    {
        var delay = _next ?? TimeSpan.Zero;
        _next = null;
        Waited += delay;
        return delay;
    }

    /// <summary>How the wait reads in a call's outcome, e.g. " after waiting 8 s for Insider One's rate limit".</summary>
    public string Describe() => Waited > TimeSpan.Zero ? $" after waiting {Seconds(Waited)} for Insider One's rate limit" : "";

    public static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.###} s";

    private static TimeSpan Backoff(int attempt, InsiderOneOptions options)
    {
        var delay = options.RetryBaseDelay * Math.Pow(2, Math.Min(attempt, 30));
        return delay < options.MaxRetryDelay ? delay : options.MaxRetryDelay;
    }

    /// <summary>Insider One's <c>Retry-After</c> wins over our own backoff: it knows when the limit resets.</summary>
    private static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }
        var delay = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return delay is { } d && d > TimeSpan.Zero ? (d < LongestRetryAfter ? d : LongestRetryAfter) : null;
    }
}
