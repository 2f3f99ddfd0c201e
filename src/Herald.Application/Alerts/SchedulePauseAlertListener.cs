using Herald.Application.Schedules;
using Herald.Core.Ports;
using Herald.Core.Schedules;

namespace Herald.Application.Alerts;

/// <summary>Hears the schedules' pauses (<see cref="ISchedulePausedListener"/>) and raises <c>schedule-paused</c> for the orchestration.</summary>
internal sealed class SchedulePauseAlertListener(ICatalogStore catalog, ISchedulePauseAlerts alerts) : ISchedulePausedListener
{
    public async Task OnSchedulePausedAsync(SchedulePaused paused, CancellationToken cancellationToken)
    {
        var work = paused.Schedule.Work;
        if (work.Kind != ScheduledWork.Orchestration || await catalog.FindOrchestrationAsync(work.Name, cancellationToken) is not { } orchestration)
        {
            return; // another kind of work (a bridge sync, later), or an orchestration removed since
        }
        await alerts.SchedulePausedAsync(orchestration.Id, orchestration.Name, orchestration.DestinationId,
            paused.Schedule.PausedReason ?? "its runs failed in a row.", cancellationToken);
    }
}
