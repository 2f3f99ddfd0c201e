namespace Herald.Application.Alerts;

/// <summary>
/// The seam through which schedules (issue 15's schedules, built in parallel) tell alerts that a schedule paused itself.
/// The alert is raised once per pause: a second call before the orchestration recovers sends nothing; its next
/// successful run sends the recovery notice.
/// </summary>
public interface ISchedulePauseAlerts
{
    /// <param name="orchestrationId">The orchestration whose schedule paused.</param>
    /// <param name="orchestrationName">Its name, for the message.</param>
    /// <param name="destinationId">Its destination, so that rules on the destination hear of it too.</param>
    /// <param name="reason">Why the schedule paused, a sentence a person reads (such as "3 runs failed in a row").</param>
    Task SchedulePausedAsync(Guid orchestrationId, string orchestrationName, Guid destinationId, string reason, CancellationToken cancellationToken);
}
