using Herald.Core.Ports;
using Herald.Core.Runs;

namespace Herald.Application.Runs;

/// <summary>
/// Applies one transition to the freshest copy of a run: load, change, save over the loaded version, and
/// on a conflict (a callback or a cancel got there first) load again and decide again.
/// </summary>
internal sealed class RunUpdater(IRunStore store)
{
    private const int MaxConflicts = 20;

    public async Task<(Run Run, T Result)> UpdateAsync<T>(Guid runId, Func<Run, T> change, CancellationToken cancellationToken)
    {
        for (var conflict = 0; ; conflict++)
        {
            var run = await store.GetAsync(runId, cancellationToken)
                ?? throw new KeyNotFoundException($"Run {runId} does not exist.");
            var result = change(run);
            if (!run.HasUnsavedChanges)
            {
                return (run, result);
            }
            if (await store.TrySaveAsync(run, cancellationToken))
            {
                return (run, result);
            }
            if (conflict == MaxConflicts)
            {
                throw new InvalidOperationException($"Run {runId} kept changing under Herald's feet; giving up after {MaxConflicts} tries.");
            }
        }
    }

    public async Task<Run> UpdateAsync(Guid runId, Action<Run> change, CancellationToken cancellationToken) =>
        (await UpdateAsync(runId, run => { change(run); return true; }, cancellationToken)).Run;
}
