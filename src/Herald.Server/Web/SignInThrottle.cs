using System.Threading.RateLimiting;

namespace Herald.Server.Web;

/// <summary>
/// Failed sign-ins per client address (Herald:Web:SignInFailuresPerMinute). Only failures count, so people signing in
/// are never slowed; once an address has used its failures, every sign-in from it is refused until the window ends.
/// </summary>
internal sealed class SignInThrottle(int failuresPerMinute) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = failuresPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public const string Refusal =
        "Too many wrong keys from this address: wait a minute before signing in again (Herald:Web:SignInFailuresPerMinute).";

    /// <summary>Whether the address has failures left to spend this minute.</summary>
    public bool Allows(string address) => _failures.GetStatistics(address) is not { CurrentAvailablePermits: 0 };

    /// <summary>Spends one of the address's failures.</summary>
    public void Failed(string address)
    {
        using var lease = _failures.AttemptAcquire(address);
    }

    public static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public void Dispose() => _failures.Dispose();
}
