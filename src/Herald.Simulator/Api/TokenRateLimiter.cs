namespace Herald.Simulator.Api;

/// <summary>
/// Insider One's limit of N requests per second per API token, as a token bucket: each token holds N permits,
/// refilled continuously at N per second. Each bucket is kept as the moment it is full again (the "generic cell
/// rate algorithm"), which needs no timer.
/// </summary>
/// <remarks>
/// A bucket, not a window: a client pacing itself with its own token bucket of at most N permits at N per second
/// (the usual client-side limiter) can burst N after a quiet second and then go on at N per second; a fixed or
/// sliding one-second window would refuse the requests right after such a burst. Two permits of grace absorb network
/// jitter and the discrete refill steps of client limiters, so such a client never trips; an instant burst still
/// gets only N + 2 through, and 1.5 N at once meets plenty of 429s.
/// </remarks>
internal sealed class TokenRateLimiter(int requestsPerSecond, TimeProvider time)
{
    private const int GracePermits = 2;
    private readonly Lock gate = new();
    private readonly Dictionary<string, double> fullAgainAt = new(StringComparer.Ordinal);
    private readonly long origin = time.GetTimestamp();

    public bool TryAcquire(string token)
    {
        if (requestsPerSecond <= 0)
        {
            return true;
        }

        var interval = time.TimestampFrequency / (double)requestsPerSecond;
        var tolerance = interval * (requestsPerSecond - 1 + GracePermits);
        double now = time.GetTimestamp() - origin;
        lock (gate)
        {
            // Each permit taken moves the moment of being full again by one interval; refuse once that is further away
            // than the bucket (plus grace) can hold.
            var fullAt = Math.Max(fullAgainAt.GetValueOrDefault(token, now), now);
            if (fullAt - now > tolerance)
            {
                return false;
            }

            fullAgainAt[token] = fullAt + interval;
            return true;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            fullAgainAt.Clear();
        }
    }
}
