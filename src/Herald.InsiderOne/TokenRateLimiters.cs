using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;

namespace Herald.InsiderOne;

/// <summary>
/// One limiter per API token, shared by every run in the process, because Insider One counts per token.
/// Waiting for a permit queues without bound: a run waits its turn rather than failing, and the wait
/// never uses up a retry.
/// </summary>
public sealed class TokenRateLimiters(int requestsPerSecond, TimeProvider? time = null) : IDisposable
{
    /// <summary>
    /// The window is a little longer than a second so that jitter between Herald's clock and the moment
    /// Insider One counts a request never puts one request too many into Insider One's second.
    /// </summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(1020);

    private readonly ConcurrentDictionary<string, RateLimiter> _limiters = new();

    public RateLimiter For(string apiToken) =>
        _limiters.GetOrAdd(KeyOf(apiToken), _ => new PacedRateLimiter(requestsPerSecond, Window, time ?? TimeProvider.System));

    /// <summary>Limiters are keyed by a hash so that the token itself is not kept around as a key.</summary>
    internal static string KeyOf(string apiToken) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiToken)));

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
