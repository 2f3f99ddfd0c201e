using System.Diagnostics;
using Herald.Application.Runs.Steps;
using Herald.Application.Telemetry;
using Herald.Core.Ports;
using Herald.Core.Runs;

namespace Herald.Application.Runs;

/// <summary>
/// Carries one claimed run from step to step (<see cref="RunSteps"/>) until it waits for the destination or is final.
/// Every step starts from the stored state, so repeating one after a crash is harmless; a step that throws fails the
/// run with what happened, and a run moved on by someone else (a cancel, a callback) is taken from where it is now.
/// </summary>
internal sealed class RunExecutor(IRunStore runs, IRunWorkspace workspace, RunSteps steps, RunUpdater updater, TimeProvider clock, ILogger<RunExecutor> logger)
{
    public async Task ExecuteAsync(Guid runId, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RunId"] = runId });
        // One span per pass of the engine over the run (a run awaiting Insider One's report is not held open for hours).
        using var runSpan = HeraldTelemetry.Source.StartActivity("herald.run");
        runSpan?.SetTag(HeraldTelemetry.RunIdTag, runId.ToString());
        while (!cancellationToken.IsCancellationRequested)
        {
            var run = await runs.GetAsync(runId, cancellationToken);
            if (run is null || steps.For(run.State) is not { } step)
            {
                if (run is { IsFinal: true })
                {
                    // A run that ended before staging (a failure, a cancel) leaves no copy of its values behind.
                    workspace.DiscardUnpublished(runId);
                }
                return;
            }
            // Named by what it does (build, compare, stage, submit), whatever state it resumes from: a bounded label.
            var stepName = step.GetType().Name.Replace("Step", "", StringComparison.Ordinal).ToLowerInvariant();
            using var stepSpan = HeraldTelemetry.Source.StartActivity($"herald.run.step {stepName}");
            stepSpan?.SetTag(HeraldTelemetry.RunIdTag, runId.ToString());
            stepSpan?.SetTag("herald.run.step", stepName);
            var started = clock.GetTimestamp();
            var outcome = "completed";
            try
            {
                await step.RunAsync(run, cancellationToken);
            }
            catch (InvalidRunTransitionException exception)
            {
                // Someone else moved the run (a cancel, a callback): the stored state decides what comes next.
                outcome = "moved";
                logger.LogInformation("Run moved on while a step ran: {Message}", exception.Message);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                outcome = "stopped";
                return;
            }
            catch (Exception exception)
            {
                outcome = "error";
                stepSpan?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
                logger.LogError(exception, "Run step failed unexpectedly");
                await TryFailAsync(runId, $"Herald could not complete the step: {exception.Message}. Check the server's logs and its data directory, then run again.", cancellationToken);
                return;
            }
            finally
            {
                var seconds = clock.GetElapsedTime(started).TotalSeconds;
                HeraldTelemetry.StepDuration.Record(seconds, new KeyValuePair<string, object?>("step", stepName), new KeyValuePair<string, object?>("outcome", outcome));
                logger.LogInformation("Run step {Step} ended ({Outcome}) after {Seconds:0.###} s", stepName, outcome, seconds);
            }
        }
    }

    private async Task TryFailAsync(Guid runId, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await updater.UpdateAsync(runId, r =>
            {
                if (!r.IsFinal && r.State != RunState.AwaitingReport)
                {
                    r.Fail(FailureKind.Internal, reason, clock.GetUtcNow());
                }
            }, cancellationToken);
        }
        catch (Exception exception)
        {
            // The store itself is failing; the run stays where it was and is taken up again once the lease expires.
            logger.LogError(exception, "Could not record the failure of run {RunId}", runId);
        }
    }
}
