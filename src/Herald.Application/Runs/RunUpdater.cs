using Herald.Core.Ports;
using Herald.Core.Runs;
using Microsoft.Extensions.Logging;

namespace Herald.Application.Runs;

/// <summary>
/// Applies one transition to the freshest copy of a run: load, change, save over the loaded version, and
/// on a conflict (a callback or a cancel got there first) load again and decide again. A save that moves the run
/// into a final state tells every <see cref="IRunFinishedListener"/>.
/// </summary>
internal sealed class RunUpdater(IRunStore store, IEnumerable<IRunFinishedListener> listeners, ILogger<RunUpdater> logger)
{
    private const int MaxConflicts = 20;

    public async Task<(Run Run, T Result)> UpdateAsync<T>(Guid runId, Func<Run, T> change, CancellationToken cancellationToken)
    {
        for (var conflict = 0; ; conflict++)
        {
            var run = await store.GetAsync(runId, cancellationToken)
                ?? throw new KeyNotFoundException($"Run {runId} does not exist.");
            var wasFinal = run.IsFinal;
            var result = change(run);
            if (!run.HasUnsavedChanges)
            {
                return (run, result);
            }
            if (await store.TrySaveAsync(run, cancellationToken))
            {
                if (!wasFinal && run.IsFinal)
                {
                    await TellListenersAsync(run, cancellationToken);
                }
                return (run, result);
            }
            if (conflict == MaxConflicts)
            {
                throw new InvalidOperationException($"Run {runId} kept changing under Herald's feet; giving up after {MaxConflicts} tries.");
            }
        }
    }

    private async Task TellListenersAsync(Run run, CancellationToken cancellationToken)
    {
        foreach (var listener in listeners)
        {
            try
            {
                await listener.OnRunFinishedAsync(run, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The run's transition is saved; a listener (an alert, a chained schedule) failing must not undo it.
                logger.LogError(exception, "A listener of finished runs ({Listener}) failed for run {RunId}", listener.GetType().Name, run.Id);
            }
        }
    }

    public async Task<Run> UpdateAsync(Guid runId, Action<Run> change, CancellationToken cancellationToken) =>
        (await UpdateAsync(runId, run => { change(run); return true; }, cancellationToken)).Run;
}
