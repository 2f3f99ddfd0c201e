using Herald.Core.Audiences;
using Herald.Core.Ports;
using Herald.Core.Runs;
using Herald.InsiderOne;
using Herald.Server.Hosting;
using Herald.Server.Security;
using Microsoft.Extensions.Options;

namespace Herald.Server.Runs;

/// <summary>
/// Carries one claimed run through build, stage and submit until it waits for Insider One or is final.
/// Every step starts from the stored state, so repeating one after a crash is harmless; the submission is
/// recorded before it leaves, and a submission in doubt is settled by asking Insider One, not by sending again.
/// </summary>
internal sealed class RunExecutor(
    RunUpdater updater,
    IRunStore runs,
    ICatalogStore catalog,
    IAudienceSource source,
    IAudienceFileStore files,
    ISegmentGateway gateway,
    CallbackSecrets callbackSecrets,
    PublicUrls publicUrls,
    IOptions<HeraldOptions> heraldOptions,
    IOptions<InsiderOneOptions> insiderOptions,
    TimeProvider clock,
    ILogger<RunExecutor> logger)
{
    public async Task ExecuteAsync(Guid runId, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RunId"] = runId });
        while (!cancellationToken.IsCancellationRequested)
        {
            var run = await runs.GetAsync(runId, cancellationToken);
            if (run is null || !run.State.NeedsWorker())
            {
                return;
            }
            try
            {
                await StepAsync(run, cancellationToken);
            }
            catch (InvalidRunTransitionException exception)
            {
                // Someone else moved the run (a cancel, a callback): the stored state decides what comes next.
                logger.LogInformation("Run moved on while a step ran: {Message}", exception.Message);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Run step failed unexpectedly");
                await TryFailAsync(runId, FailureKind.Internal,
                    $"Herald could not complete the step: {exception.Message}. Check the server's logs and its data directory, then run again.", cancellationToken);
                return;
            }
        }
    }

    private Task StepAsync(Run run, CancellationToken cancellationToken) => run.State switch
    {
        RunState.Queued or RunState.Building => BuildAsync(run.Id, cancellationToken),
        RunState.Staging => StageAsync(run, cancellationToken),
        RunState.Submitting => SubmitAsync(run, cancellationToken),
        _ => Task.CompletedTask,
    };

    private async Task BuildAsync(Guid runId, CancellationToken cancellationToken)
    {
        var run = await updater.UpdateAsync(runId, r => r.StartBuilding(clock.GetUtcNow()), cancellationToken);
        var path = files.PrepareBuildPath(runId);
        AudienceCounts counts;
        try
        {
            counts = await source.BuildAsync(new AudienceQuery(run.Origin.Query, run.Origin.AttributeName), path, cancellationToken);
        }
        catch (AudienceRejectedException rejected)
        {
            File.Delete(path);
            await updater.UpdateAsync(runId, r => r.Fail(FailureKind.Audience, rejected.Message, clock.GetUtcNow()), cancellationToken);
            return;
        }
        if (counts.ValuesSent == 0 && !run.Origin.AllowEmpty)
        {
            File.Delete(path);
            await updater.UpdateAsync(runId, r => r.Fail(FailureKind.Audience,
                $"The query returned no values to send ({counts.RowsQueried:N0} rows, {counts.EmptyValues:N0} empty, {counts.SetAsideTotal:N0} set aside). " +
                "An empty audience never replaces a segment: check the query, or allow an empty audience explicitly (--allow-empty).",
                clock.GetUtcNow()), cancellationToken);
            return;
        }
        await updater.UpdateAsync(runId, r => r.CompleteBuild(counts, clock.GetUtcNow()), cancellationToken);
    }

    private async Task StageAsync(Run run, CancellationToken cancellationToken)
    {
        var path = files.FindBuiltFile(run.Id);
        if (path is null)
        {
            await updater.UpdateAsync(run.Id, r => r.RestartBuild(clock.GetUtcNow(),
                "The built file was not found (Herald restarted before staging it); building it again."), cancellationToken);
            return;
        }
        var bytes = new FileInfo(path).Length;
        var limit = insiderOptions.Value.MaxFileBytes;
        if (bytes > limit)
        {
            File.Delete(path);
            await updater.UpdateAsync(run.Id, r => r.Fail(FailureKind.Destination,
                $"The audience file is {FormatSize(bytes)}, over Insider One's limit of {FormatSize(limit)} (Herald:InsiderOne:MaxFileBytes). " +
                "Nothing was submitted. Narrow the query, or split the audience into several destinations.", clock.GetUtcNow()), cancellationToken);
            return;
        }
        var file = await files.PublishAsync(run.Id, path, clock.GetUtcNow() + heraldOptions.Value.Files.UrlLifetime, cancellationToken);
        await updater.UpdateAsync(run.Id, r => r.CompleteStaging(file, clock.GetUtcNow()), cancellationToken);
    }

    private async Task SubmitAsync(Run run, CancellationToken cancellationToken)
    {
        var credential = await catalog.GetCredentialAsync(run.Origin.CredentialId, cancellationToken);
        if (credential is null)
        {
            await updater.UpdateAsync(run.Id, r => r.Fail(FailureKind.Credential,
                "The destination's credential was deleted before the segment was submitted. Point the destination at a credential and run again.",
                clock.GetUtcNow()), cancellationToken);
            return;
        }
        var account = new SegmentAccount(credential.PartnerName, await catalog.RevealTokenAsync(credential.Id, cancellationToken));
        var recorder = new RunCallRecorder(runs, run.Id);

        if (run.SubmissionInDoubt && await SettleInDoubtSubmissionAsync(run, account, recorder, cancellationToken))
        {
            return;
        }
        var file = run.File!;
        if (!files.Exists(file))
        {
            await updater.UpdateAsync(run.Id, r => r.Fail(FailureKind.Internal,
                "The staged file is missing from Herald's file store, so Insider One could not download it; nothing was submitted. Run again.",
                clock.GetUtcNow()), cancellationToken);
            return;
        }

        await updater.UpdateAsync(run.Id, r => r.BeginSubmission(clock.GetUtcNow()), cancellationToken);
        var fileUrl = files.CreateSignedUrl(file);
        var submission = new SegmentSubmission(account, run.Origin.SegmentName, run.Origin.AttributeName,
            fileUrl, publicUrls.CallbackUrl(run.Id, callbackSecrets.For(run.Id)),
            MaskSignature(fileUrl), publicUrls.MaskedCallbackUrl(run.Id));
        var outcome = await gateway.SubmitAsync(submission, recorder, cancellationToken);
        var now = clock.GetUtcNow();
        if (outcome.Accepted)
        {
            await updater.UpdateAsync(run.Id, r => r.AcceptSubmission(now, now + insiderOptions.Value.ReportTimeout, outcome.Message), cancellationToken);
            return;
        }
        if (run.SubmissionInDoubt && outcome.Message.Contains("already in use", StringComparison.OrdinalIgnoreCase))
        {
            // Our own earlier, unrecorded submission holds the name: it was accepted.
            await updater.UpdateAsync(run.Id, r => r.AcceptSubmission(now, now + insiderOptions.Value.ReportTimeout,
                "Insider One holds the segment name since Herald's earlier submission, whose answer was lost in a restart: it was accepted."), cancellationToken);
            return;
        }
        await updater.UpdateAsync(run.Id, r => r.Fail(outcome.Failure ?? FailureKind.Internal, outcome.Message, now), cancellationToken);
    }

    /// <summary>
    /// The upload may have left before Herald stopped. If Insider One knows the segment, the earlier
    /// submission was accepted and is not sent again. Returns true when it settled the run.
    /// </summary>
    private async Task<bool> SettleInDoubtSubmissionAsync(Run run, SegmentAccount account, RunCallRecorder recorder, CancellationToken cancellationToken)
    {
        var presence = await gateway.FindSegmentAsync(account, run.Origin.SegmentName, recorder, cancellationToken);
        var now = clock.GetUtcNow();
        if (presence == SegmentPresence.Exists)
        {
            await updater.UpdateAsync(run.Id, r => r.AcceptSubmission(now, now + insiderOptions.Value.ReportTimeout,
                "After a restart Herald found the segment in Insider One: the earlier submission was accepted, so it is not sent again."), cancellationToken);
            return true;
        }
        await updater.UpdateAsync(run.Id, r => r.Note(now, presence == SegmentPresence.Absent
            ? "After a restart Herald found no such segment in Insider One: the earlier submission did not arrive; submitting it now."
            : "After a restart Herald could not tell whether the earlier submission arrived; submitting again (Insider One keeps one segment per name)."), cancellationToken);
        return false;
    }

    private async Task TryFailAsync(Guid runId, FailureKind kind, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await updater.UpdateAsync(runId, r =>
            {
                if (!r.IsFinal && r.State != RunState.AwaitingReport)
                {
                    r.Fail(kind, reason, clock.GetUtcNow());
                }
            }, cancellationToken);
        }
        catch (Exception exception)
        {
            // The store itself is failing; the run stays where it was and is taken up again once the lease expires.
            logger.LogError(exception, "Could not record the failure of run {RunId}", runId);
        }
    }

    private static string MaskSignature(Uri fileUrl)
    {
        var text = fileUrl.ToString();
        var at = text.IndexOf("signature=", StringComparison.Ordinal);
        return at < 0 ? text : text[..(at + "signature=".Length)] + "***";
    }

    private static string FormatSize(long bytes) => $"{bytes / (1024.0 * 1024):0.##} MB ({bytes:N0} bytes)";
}
