namespace Herald.Application.Schedules;

/// <summary>
/// Told once, in process, after Herald paused a schedule because its runs failed in a row (alerts listen here).
/// A listener's failure is logged and never undoes the pause.
/// </summary>
public interface ISchedulePausedListener
{
    /// <summary>Handles a schedule Herald has just paused and saved.</summary>
    Task OnSchedulePausedAsync(SchedulePaused paused, CancellationToken cancellationToken);
}
