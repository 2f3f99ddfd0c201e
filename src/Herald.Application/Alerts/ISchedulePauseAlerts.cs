namespace Herald.Application.Alerts;

/// <summary>
/// How alerts hear that a schedule paused itself (the schedules tell <see cref="Schedules.ISchedulePausedListener"/>, which
/// <see cref="SchedulePauseAlertListener"/> turns into this call).
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
