using Herald.Core.Ports;
using Herald.Core.Runs;

namespace Herald.Application.Runs;

/// <summary>Keeps each call to Insider One in the run's history.</summary>
internal sealed class RunCallRecorder(IRunStore store, Guid runId) : ICallRecorder
{
    public Task RecordAsync(RunCall call, CancellationToken cancellationToken) =>
        store.AppendCallAsync(runId, call, cancellationToken);
}
