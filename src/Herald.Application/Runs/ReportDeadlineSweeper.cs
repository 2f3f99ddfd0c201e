using Herald.Core.Ports;
using Herald.Core.Runs;
using Microsoft.Extensions.Options;

namespace Herald.Application.Runs;

/// <summary>Fails runs whose report did not come by their deadline. The deadline is on Herald's clock.</summary>
internal sealed class ReportDeadlineSweeper(
    IRunStore runs,
    IServerSessionStore sessions,
    RunUpdater updater,
    IOptions<RunEngineOptions> options,
    TimeProvider clock,
    ILogger<ReportDeadlineSweeper> logger) : PeriodicSweep(options.Value.DeadlineSweepInterval, TimeProvider.System, logger)
{
    // Polling runs on real time; what counts as "late" comes from Herald's clock.
    protected override string Purpose => "check report deadlines";

    /// <summary>One pass; also called by tests after they move the clock.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var expired = 0;
        foreach (var runId in await runs.ListAwaitingReportPastDeadlineAsync(clock.GetUtcNow(), cancellationToken))
        {
            // When Herald was down since the submission: Insider One may have tried to download the file then.
            var submitted = (await runs.GetAsync(runId, cancellationToken))?.SubmissionStartedAt ?? clock.GetUtcNow();
            var downtimes = await sessions.ListDowntimesAsync(submitted, clock.GetUtcNow(), cancellationToken);
            var (_, changed) = await updater.UpdateAsync(runId, run =>
            {
                if (run.State != RunState.AwaitingReport || run.ReportDeadline > clock.GetUtcNow())
                {
                    return false;
                }
                run.ExpireReport(clock.GetUtcNow(), downtimes);
                return true;
            }, cancellationToken);
            expired += changed ? 1 : 0;
        }
        return expired;
    }

    protected override Task<int> PassAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    protected override void Report(int changed) => Logger.LogWarning("{Count} runs failed: no report from Insider One by their deadline", changed);
}
