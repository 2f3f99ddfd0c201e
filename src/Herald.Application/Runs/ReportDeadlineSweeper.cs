using Herald.Core.Ports;
using Herald.Core.Runs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Herald.Application.Runs;

/// <summary>Fails runs whose report did not come by their deadline. The deadline is on Herald's clock.</summary>
internal sealed class ReportDeadlineSweeper(
    IRunStore runs,
    IServerSessionStore sessions,
    RunUpdater updater,
    IOptions<RunEngineOptions> options,
    TimeProvider clock,
    ILogger<ReportDeadlineSweeper> logger) : BackgroundService
{
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Polling runs on real time; what counts as "late" comes from Herald's clock.
        using var timer = new PeriodicTimer(options.Value.DeadlineSweepInterval);
        do
        {
            try
            {
                var expired = await SweepAsync(stoppingToken);
                if (expired > 0)
                {
                    logger.LogWarning("{Count} runs failed: no report from Insider One by their deadline", expired);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Could not check report deadlines");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
