using Herald.Application.Telemetry;
using Herald.Core.Ports;
using Herald.Core.Runs;

namespace Herald.Application.Runs;

/// <summary>Keeps each call to Insider One in the run's history, and counts it by operation and status.</summary>
internal sealed class RunCallRecorder(IRunStore store, Guid runId) : ICallRecorder
{
    public Task RecordAsync(RunCall call, CancellationToken cancellationToken)
    {
        HeraldTelemetry.InsiderOneCalls.Add(1,
            new KeyValuePair<string, object?>("operation", call.Operation), new KeyValuePair<string, object?>("status", call.Status?.ToString() ?? "none"));
        return store.AppendCallAsync(runId, call, cancellationToken);
    }
}
