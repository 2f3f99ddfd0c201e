using Herald.Core.Audiences;
using Herald.Core.Ports;
using Herald.Core.Runs;
using Herald.Core.Updates;
using Herald.InsiderOne;
using Herald.Server.Hosting;
using Herald.Server.Security;
using Microsoft.Extensions.Options;

namespace Herald.Server.Runs;

/// <summary>
/// Carries one claimed run through build, compare, stage and submit until it waits for Insider One or is final.
/// Every step starts from the stored state, so repeating one after a crash is harmless; each part's submission is
/// recorded before it leaves, and a submission in doubt is settled by asking Insider One, not by sending again.
/// </summary>
internal sealed class RunExecutor(
    RunUpdater updater,
    IRunStore runs,
    ICatalogStore catalog,
    IAudienceSource source,
    IAudienceFileStore files,
    ISegmentGateway gateway,
    ISegmentComparer comparer,
    IDiffSampleStore samples,
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
                if (run is { IsFinal: true })
                {
                    // A run that ended before staging (a failure, a cancel) leaves no copy of its values behind.
                    files.DiscardUnpublished(runId);
                }
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
        RunState.Comparing => CompareAsync(run, cancellationToken),
        RunState.Staging when run.Parts.Count > 0 => StagePartsAsync(run, cancellationToken),
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
            await updater.UpdateAsync(runId, r => r.FailEmptyBuild(counts,
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

    /// <summary>
    /// Compares the audience with what Insider One holds (downloaded to files, never into memory), applies the
    /// guards, and writes the file of each part to upload. Nothing has left Herald yet, so after a crash the
    /// whole step runs again.
    /// </summary>
    private async Task CompareAsync(Run run, CancellationToken cancellationToken)
    {
        var origin = run.Origin;
        var audience = files.FindBuiltFile(run.Id);
        if (audience is null)
        {
            await updater.UpdateAsync(run.Id, r => r.RestartBuild(clock.GetUtcNow(),
                "The built file was not found (Herald restarted before comparing it); building it again."), cancellationToken);
            return;
        }
        var limit = insiderOptions.Value.MaxFileBytes;
        var audienceBytes = new FileInfo(audience).Length;
        if (!origin.AllowSplit && audienceBytes > limit)
        {
            await StopAsync(run.Id, null, FailureKind.Destination, TooLarge(audienceBytes, limit, origin, "The audience file"), cancellationToken);
            return;
        }
        var credential = await catalog.GetCredentialAsync(origin.CredentialId, cancellationToken);
        if (credential is null)
        {
            await StopAsync(run.Id, null, FailureKind.Credential,
                "The destination's credential was deleted before the segment was compared with Insider One's copy. Point the destination at a credential and run again.",
                cancellationToken);
            return;
        }
        var account = new SegmentAccount(credential.PartnerName, await catalog.RevealTokenAsync(credential.Id, cancellationToken));
        var recorder = new RunCallRecorder(runs, run.Id);
        var work = files.PrepareWorkDirectory(run.Id);
        var mode = origin.UpdateMode ?? SegmentUpdateMode.Replace;

        // What Insider One holds now: the segment, or every part of the last layout, each downloaded to a file.
        var (segmentsBefore, uploadedBefore) = await LastLayoutAsync(run, cancellationToken);
        var current = new List<string?>();
        var existed = new Dictionary<string, bool>(StringComparer.Ordinal);
        string? unreadable = null;
        foreach (var (name, index) in segmentsBefore.Select((name, index) => (name, index)))
        {
            var path = Path.Combine(work, $"current-{index + 1}.csv");
            var download = await gateway.DownloadSegmentAsync(account, name, path, recorder, cancellationToken);
            if (download.Failed && !uploadedBefore && mode == SegmentUpdateMode.Replace)
            {
                // Herald never uploaded to this segment: there is no earlier audience to guard and nothing to merge, so a
                // first replace goes ahead without the comparison, and Insider One's answer to the upload says the rest.
                unreadable = download.Problem;
                current = [null];
                existed.Clear();
                break;
            }
            if (download.Failed)
            {
                files.DeleteWork(run.Id);
                await StopAsync(run.Id, null, download.Failure ?? FailureKind.Transient, download.Problem!, cancellationToken);
                return;
            }
            existed[name] = download.Presence == SegmentPresence.Exists;
            current.Add(download.Presence == SegmentPresence.Exists ? path : null);
        }

        var result = await comparer.CompareAsync(
            new SegmentComparisonRequest(current, audience, mode, limit, origin.AllowSplit, work, SegmentDiffSample.DefaultSize)
            {
                CurrentValueRules = KnownAttributes.TypeOf(origin.AttributeName),
            }, cancellationToken);
        var diff = result.Diff;
        var names = SegmentParts.NamesOf(origin.SegmentName, result.Parts.Count);
        SegmentComparison? comparison = null;
        if (unreadable is null)
        {
            await samples.SaveAsync(run.Id, result.Sample, cancellationToken);
            comparison = new SegmentComparison(mode, diff, segmentsBefore,
                [.. segmentsBefore.Where(name => existed.GetValueOrDefault(name) && !names.Contains(name))], HasSample: true, origin.Force);
        }

        if (result.TooLarge)
        {
            files.DeleteWork(run.Id);
            await StopAsync(run.Id, comparison, FailureKind.Destination, origin.AllowSplit
                ? $"The segment would take {FormatSize(result.TotalBytes)}, more than {SegmentParts.MaxParts} parts of Insider One's limit of {FormatSize(limit)} " +
                  "(Herald:InsiderOne:MaxFileBytes). Nothing was submitted. Narrow the query, or split the audience across several destinations."
                : TooLarge(result.TotalBytes, limit, origin, mode == SegmentUpdateMode.Add ? "The segment with the audience added" : "The audience file"),
                cancellationToken);
            return;
        }
        if (names.FirstOrDefault(name => name.Length > Core.Catalog.CatalogRules.MaxSegmentNameLength) is { } tooLong)
        {
            files.DeleteWork(run.Id);
            var room = Core.Catalog.CatalogRules.MaxSegmentNameLength - SegmentParts.SuffixOf(names.Count, names.Count).Length;
            await StopAsync(run.Id, comparison, FailureKind.Destination,
                $"The audience needs {names.Count} parts, but the segment name '{origin.SegmentName}' leaves no room for the suffix '{SegmentParts.SuffixOf(names.Count, names.Count)}' " +
                $"within Insider One's {Core.Catalog.CatalogRules.MaxSegmentNameLength} characters ('{tooLong}' would be cut). Nothing was submitted. " +
                $"Shorten the segment name to at most {room} characters: herald destination update {origin.DestinationName} --segment-name ...",
                cancellationToken);
            return;
        }
        // The guard keeps what Herald put in the segment: a segment Herald never uploaded to is either not its own
        // (Insider One refuses the upload, saying so) or a first send.
        var guard = origin.ShrinkGuardShare ?? insiderOptions.Value.ShrinkGuardShare;
        if (mode == SegmentUpdateMode.Replace && uploadedBefore && diff.RemovedShare > guard && !origin.Force)
        {
            files.DeleteWork(run.Id);
            var setting = origin.ShrinkGuardShare is null ? "Herald:InsiderOne:ShrinkGuardShare" : "the destination's shrink guard";
            var rerun = origin.OrchestrationName is { } orchestration ? $"herald orchestration run {orchestration} --force" : "herald send ... --force";
            await StopAsync(run.Id, comparison, FailureKind.ShrinkGuard,
                $"Stopped by the shrink guard: this update would remove {diff.Removed:N0} of the segment's {diff.Before:N0} members ({diff.RemovedShare * 100:0.#}%), " +
                $"more than the {guard * 100:0.#}% allowed ({setting}); it would add {diff.Added:N0} and keep {diff.Kept:N0}. Nothing was uploaded. " +
                $"If the audience is right, run again forced past the guard ({rerun}); otherwise check the query.",
                cancellationToken);
            return;
        }
        if (unreadable is not null)
        {
            await updater.UpdateAsync(run.Id, r => r.Note(clock.GetUtcNow(),
                $"{WithoutAdvice(unreadable)} Herald never uploaded to this segment, so there is nothing to guard: the audience is uploaded as it is, without a difference."),
                cancellationToken);
        }

        var parts = new List<SegmentPart>();
        foreach (var part in result.Parts)
        {
            var name = names[part.Number - 1];
            bool? existedBefore = existed.TryGetValue(name, out var known) ? known
                : await gateway.FindSegmentAsync(account, name, recorder, cancellationToken) switch
                {
                    SegmentPresence.Exists => true,
                    SegmentPresence.Absent => false,
                    _ => null,
                };
            parts.Add(new SegmentPart(part.Number, name, existedBefore, part.Values, part.Diff));
        }
        // The files move to where staging looks for them only now, when the run is about to say so.
        foreach (var part in result.Parts)
        {
            File.Move(part.File, files.PartBuildPath(run.Id, part.Number), overwrite: true);
        }
        await updater.UpdateAsync(run.Id, r => r.CompleteComparison(comparison, parts, clock.GetUtcNow()), cancellationToken);
        files.DeleteWork(run.Id);
    }

    /// <summary>
    /// The segments the destination's last upload went to: the parts of its last layout, or the segment itself.
    /// A run that sent to another segment name (a test send) does not count.
    /// </summary>
    private async Task<(IReadOnlyList<string> Segments, bool UploadedBefore)> LastLayoutAsync(Run run, CancellationToken cancellationToken)
    {
        var earlier = await runs.ListAsync(new RunQuery(DestinationId: run.Origin.DestinationId, Limit: 200), cancellationToken);
        var last = earlier.FirstOrDefault(r => r.Id != run.Id && r.Origin.SegmentName == run.Origin.SegmentName
            && r.CreatedAt <= run.CreatedAt && r.Parts.Any(p => p.SubmissionStartedAt is not null));
        return last is null ? ([run.Origin.SegmentName], false) : ([.. last.Parts.Select(p => p.SegmentName)], true);
    }

    /// <summary>A download problem's description without its advice, which is about a run that stops (this one goes on).</summary>
    private static string WithoutAdvice(string problem) =>
        problem.IndexOf(" Nothing was uploaded", StringComparison.Ordinal) is var at and >= 0 ? problem[..at] : problem;

    private async Task StopAsync(Guid runId, SegmentComparison? comparison, FailureKind kind, string reason, CancellationToken cancellationToken) =>
        await updater.UpdateAsync(runId, r => r.StopBeforeUpload(comparison, kind, reason, clock.GetUtcNow()), cancellationToken);

    private static string TooLarge(long bytes, long limit, RunOrigin origin, string what) =>
        $"{what} is {FormatSize(bytes)}, over Insider One's limit of {FormatSize(limit)} (Herald:InsiderOne:MaxFileBytes). " +
        "Nothing was submitted. Narrow the query, or let the destination split the audience into numbered segments: " +
        $"herald destination update {origin.DestinationName} --allow-split.";

    /// <summary>Publishes every part's file (moving a file is harmless to repeat), then records them all at once.</summary>
    private async Task StagePartsAsync(Run run, CancellationToken cancellationToken)
    {
        // A crash after the comparison was recorded may have left its scratch files.
        files.DeleteWork(run.Id);
        var expires = clock.GetUtcNow() + heraldOptions.Value.Files.UrlLifetime;
        var staged = new List<StagedFile>();
        foreach (var part in run.Parts)
        {
            if (files.FindPartFile(run.Id, part.Number, run.Parts.Count) is not { } path)
            {
                await updater.UpdateAsync(run.Id, r => r.RestartBuild(clock.GetUtcNow(),
                    $"The file of '{part.SegmentName}' was not found (Herald restarted before staging it); building the audience again."), cancellationToken);
                return;
            }
            staged.Add(await files.PublishPartAsync(run.Id, part.Number, run.Parts.Count, path, expires, cancellationToken));
        }
        await updater.UpdateAsync(run.Id, r => r.CompleteStaging(staged, clock.GetUtcNow()), cancellationToken);
    }

    /// <summary>Submits the next part (the only one, for most runs); the executor's loop comes back for the one after.</summary>
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
        if ((run.Parts.FirstOrDefault(p => p.SubmissionInDoubt) ?? run.NextPartToSubmit) is not { } part)
        {
            return;
        }

        var inDoubt = part.SubmissionInDoubt;
        if (inDoubt && await SettleInDoubtSubmissionAsync(run, part, account, recorder, cancellationToken))
        {
            return;
        }
        var file = part.File!;
        if (!files.Exists(file))
        {
            await updater.UpdateAsync(run.Id, r => r.Fail(FailureKind.Internal,
                "The staged file is missing from Herald's file store, so Insider One could not download it; nothing was submitted. Run again." + AcceptedEarlier(run, part),
                clock.GetUtcNow()), cancellationToken);
            return;
        }

        await updater.UpdateAsync(run.Id, r => r.BeginSubmission(part.Number, clock.GetUtcNow()), cancellationToken);
        var fileUrl = files.CreateSignedUrl(file);
        var submission = new SegmentSubmission(account, part.SegmentName, run.Origin.AttributeName,
            fileUrl, publicUrls.CallbackUrl(run.Id, callbackSecrets.For(run.Id)),
            MaskSignature(fileUrl), publicUrls.MaskedCallbackUrl(run.Id));
        var outcome = await gateway.SubmitAsync(submission, recorder, cancellationToken);
        var now = clock.GetUtcNow();
        if (outcome.Accepted)
        {
            await updater.UpdateAsync(run.Id, r => r.AcceptSubmission(part.Number, now, now + insiderOptions.Value.ReportTimeout, outcome.Message), cancellationToken);
            return;
        }
        if (inDoubt && part.ExistedBefore != true && outcome.Message.Contains("already in use", StringComparison.OrdinalIgnoreCase))
        {
            // Our own earlier, unrecorded submission holds the name: it was accepted.
            await updater.UpdateAsync(run.Id, r => r.AcceptSubmission(part.Number, now, now + insiderOptions.Value.ReportTimeout,
                "Insider One holds the segment name since Herald's earlier submission, whose answer was lost in a restart: it was accepted."), cancellationToken);
            return;
        }
        await updater.UpdateAsync(run.Id, r => r.Fail(outcome.Failure ?? FailureKind.Internal, outcome.Message + AcceptedEarlier(run, part), now), cancellationToken);
    }

    private static string AcceptedEarlier(Run run, SegmentPart failed) =>
        run.Parts.Where(p => p.Number != failed.Number && p.SubmittedAt is not null).Select(p => $"'{p.SegmentName}'").ToList() is { Count: > 0 } accepted
            ? $" Insider One had accepted {string.Join(", ", accepted)} already: those segments are updated; run again to finish the update."
            : "";

    /// <summary>
    /// The upload may have left before Herald stopped. Insider One is asked, and a submission it has is not sent
    /// again: for a segment that did not exist before this run, its presence says so; for one that did, Herald
    /// downloads it and looks for exactly this run's values. Returns true when it settled the part.
    /// </summary>
    private async Task<bool> SettleInDoubtSubmissionAsync(Run run, SegmentPart part, SegmentAccount account, RunCallRecorder recorder, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + insiderOptions.Value.ReportTimeout;
        if (part.ExistedBefore == true)
        {
            var holdsThisRun = false;
            if (part.Diff?.Changes == true && part.File is { } staged)
            {
                var path = Path.Combine(files.PrepareWorkDirectory(run.Id), "settle.csv");
                var download = await gateway.DownloadSegmentAsync(account, part.SegmentName, path, recorder, cancellationToken);
                holdsThisRun = download.Presence == SegmentPresence.Exists
                    && await comparer.HoldSameValuesAsync(path, files.PathOf(staged), cancellationToken);
                files.DeleteWork(run.Id);
            }
            var now = clock.GetUtcNow();
            await updater.UpdateAsync(run.Id, r =>
            {
                if (holdsThisRun)
                {
                    r.AcceptSubmission(part.Number, now, deadline,
                        $"After a restart Herald found '{part.SegmentName}' in Insider One holding exactly this run's values: the earlier submission was accepted, so it is not sent again.");
                }
                else
                {
                    r.Note(now, $"After a restart Herald could not find this run's values in '{part.SegmentName}' (the earlier submission did not arrive, or Insider One is still processing it); " +
                        "submitting again: an upload by the same token replaces the segment, so a repeat changes nothing more.");
                }
            }, cancellationToken);
            return holdsThisRun;
        }

        var presence = await gateway.FindSegmentAsync(account, part.SegmentName, recorder, cancellationToken);
        var at = clock.GetUtcNow();
        if (presence == SegmentPresence.Exists)
        {
            await updater.UpdateAsync(run.Id, r => r.AcceptSubmission(part.Number, at, deadline,
                "After a restart Herald found the segment in Insider One: the earlier submission was accepted, so it is not sent again."), cancellationToken);
            return true;
        }
        await updater.UpdateAsync(run.Id, r => r.Note(at, presence == SegmentPresence.Absent
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
