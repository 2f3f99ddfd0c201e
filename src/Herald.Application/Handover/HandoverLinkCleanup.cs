using Herald.Core.Ports;

namespace Herald.Application.Handover;

/// <summary>
/// Removes hand-over links used, or expired unused, more than <see cref="HandoverLimits.RetentionHours"/> ago, so that the
/// table does not grow with every link ever made. Only the links go: a credential keeps who asked for it. The timer runs
/// on Herald's clock (<see cref="PeriodicSweep.TimerClock"/>), so that a test moving a fake clock by an hour sees a pass.
/// </summary>
internal sealed class HandoverLinkCleanup(IHandoverStore links, HandoverLimits limits, TimeProvider clock, ILogger<HandoverLinkCleanup> logger)
    : PeriodicSweep(Interval, clock, logger)
{
    /// <summary>How often the cleanup looks; links are kept for hours to months, so an hour late is nothing.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override string Purpose => "clean up hand-over links";

    /// <summary>One pass; returns how many links were removed.</summary>
    public Task<int> CleanUpAsync(CancellationToken cancellationToken) =>
        links.RemoveClosedAsync(TimerClock.GetUtcNow() - TimeSpan.FromHours(limits.RetentionHours), cancellationToken);

    protected override Task<int> PassAsync(CancellationToken cancellationToken) => CleanUpAsync(cancellationToken);

    protected override void Report(int changed) =>
        Logger.LogInformation("Removed {Count} hand-over links used or expired more than {Hours} hours ago", changed, limits.RetentionHours);
}
