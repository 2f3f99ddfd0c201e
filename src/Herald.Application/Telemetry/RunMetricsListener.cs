using Herald.Application.Runs;
using Herald.Core.Runs;

namespace Herald.Application.Telemetry;

/// <summary>Counts runs that reached a final state (told once per run by <see cref="RunUpdater"/>).</summary>
internal sealed class RunMetricsListener : IRunFinishedListener
{
    public Task OnRunFinishedAsync(Run run, CancellationToken cancellationToken)
    {
        HeraldTelemetry.RecordFinished(run);
        return Task.CompletedTask;
    }
}
