using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;

namespace Herald.InsiderOne;

/// <summary>
/// One limiter per API token, shared by every run in the process, because Insider One counts per token.
/// A token bucket whose burst plus one second's refill equals the limit never puts more than the limit
/// into any one-second window, so the server never answers 429 while Herald still uses nearly all of it.
/// Waiting for a permit is queued without bound: a run waits its turn rather than failing.
/// </summary>
public sealed class TokenRateLimiters(int requestsPerSecond) : IDisposable
{
    private readonly ConcurrentDictionary<string, RateLimiter> _limiters = new();

    public RateLimiter For(string apiToken) =>
        _limiters.GetOrAdd(KeyOf(apiToken), _ => Create(requestsPerSecond));

    /// <summary>Limiters are keyed by a hash so that the token itself is not kept around as a key.</summary>
    internal static string KeyOf(string apiToken) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiToken)));

    private static RateLimiter Create(int limit)
    {
        // Burst of 3% of the limit (at least 1); the rest refills evenly, a few tokens at a time at most so
        // that the timer's period stays above a couple of milliseconds.
        var burst = Math.Max(1, limit * 3 / 100);
        var perSecond = Math.Max(1, limit - burst);
        var tokensPerPeriod = Math.Max(1, perSecond / 500);
        var period = TimeSpan.FromSeconds((double)tokensPerPeriod / perSecond);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
