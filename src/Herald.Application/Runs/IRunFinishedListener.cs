using Herald.Core.Runs;

namespace Herald.Application.Runs;

/// <summary>
/// Told once, in process, when a save moved a run into a final state (succeeded, failed, cancelled): schedules
/// (run-after chains, pausing after failures), alerts and metrics listen here instead of polling the store.
/// </summary>
/// <remarks>
/// Called after the run is saved, so a listener always sees a stored fact. A listener's failure is logged and never
/// undoes or blocks the transition; a listener that must not miss a run after a crash keeps its own durable mark
/// (for example the last run it handled) and catches up from the store when it starts.
/// </remarks>
public interface IRunFinishedListener
{
    /// <summary>Handles a run that has just reached its final state.</summary>
    /// <param name="run">The run as saved; <see cref="Run.IsFinal"/> is true.</param>
    /// <param name="cancellationToken">Cancelled when Herald stops.</param>
    Task OnRunFinishedAsync(Run run, CancellationToken cancellationToken);
}
