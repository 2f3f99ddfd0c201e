using System.Threading.RateLimiting;

namespace Herald.Application.UseCases;

/// <summary>
/// How many previews run at once (Herald:Source:MaxConcurrentPreviews). Each holds a DuckDB session and a core
/// until its query ends, so one more is refused at once rather than queued behind them.
/// </summary>
internal sealed class PreviewGate(int maxConcurrent) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions { PermitLimit = maxConcurrent, QueueLimit = 0 });

    /// <summary>The message for a preview refused because the others fill the gate.</summary>
    public string Refusal =>
        $"Herald is already running {maxConcurrent} preview(s), its limit (Herald:Source:MaxConcurrentPreviews). Try again when one has finished.";

    /// <summary>A lease to dispose when the preview ends; check <see cref="RateLimitLease.IsAcquired"/>.</summary>
    public RateLimitLease TryEnter() => _limiter.AttemptAcquire();

    public void Dispose() => _limiter.Dispose();
}
