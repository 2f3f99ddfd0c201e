using System.Threading.RateLimiting;

namespace Herald.InsiderOne;

/// <summary>
/// Lets requests out evenly spaced, one every <c>window / permits</c>, on a fixed timeline: a waiter that
/// wakes late does not push the requests after it back (the timeline, not the wake-up, sets the next
/// slot, within a tolerance of one slot), so the limit is used fully; and since requests never leave in bursts, they also arrive at the
/// server evenly, so no way of counting on the server's side sees more than the limit in a second.
/// (A token bucket refilled by a timer loses throughput when the timer runs late, and a burst that
/// leaves at once can arrive spread out and crowd the server's next second.)
/// </summary>
internal sealed class PacedRateLimiter : RateLimiter
{
    private readonly long _spacingTicks;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _lock = new();
    private long _nextSlot;
    private long _successful;
    private long _queued;

    public PacedRateLimiter(int permits, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        _spacingTicks = (long)(window.TotalSeconds * time.TimestampFrequency / permits);
        _time = time;
        _nextSlot = time.GetTimestamp();
    }

    public override TimeSpan? IdleDuration => null;

    /// <summary>
    /// Nobody waits and the next slot has come: a new limiter made now would behave exactly like this one, so it can be
    /// forgotten (<see cref="TokenRateLimiters"/> evicts such limiters).
    /// </summary>
    public bool IsIdle
    {
        get
        {
            lock (_lock)
            {
                return Interlocked.Read(ref _queued) == 0 && _time.GetTimestamp() >= _nextSlot;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _time.GetTimestamp() >= _nextSlot ? 1 : 0,
                CurrentQueuedCount = Interlocked.Read(ref _queued),
                TotalSuccessfulLeases = Interlocked.Read(ref _successful),
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        if (permitCount != 1)
        {
            return Lease.Failed;
        }
        lock (_lock)
        {
            return TryTakeSlot(_time.GetTimestamp(), out _) ? Lease.Acquired : Lease.Failed;
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (permitCount != 1)
        {
            return Lease.Failed;
        }
        Interlocked.Increment(ref _queued);
        var asked = _time.GetTimestamp();
        // One waiter at a time, so that permits go out in the order they were asked for.
        await _turn.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                long wait;
                lock (_lock)
                {
                    if (TryTakeSlot(_time.GetTimestamp(), out wait))
                    {
                        InsiderOneMetrics.RateLimiterWait.Record(_time.GetElapsedTime(asked).TotalSeconds);
                        return Lease.Acquired;
                    }
                }
                await Task.Delay(TimeSpan.FromSeconds((double)wait / _time.TimestampFrequency), _time, cancellationToken);
            }
        }
        finally
        {
            _turn.Release();
            Interlocked.Decrement(ref _queued);
        }
    }

    private bool TryTakeSlot(long now, out long wait)
    {
        // A waiter that woke late takes the slot it was due, so lateness does not add up; but at most one
        // slot is ever made up, and after a quiet spell the timeline restarts at now, so unused slots are
        // never saved up for a burst.
        var slot = Math.Max(_nextSlot, now - _spacingTicks);
        wait = slot - now;
        if (wait > 0)
        {
            return false;
        }
        _nextSlot = slot + _spacingTicks;
        Interlocked.Increment(ref _successful);
        return true;
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static readonly Lease Acquired = new(true);
        public static readonly Lease Failed = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
