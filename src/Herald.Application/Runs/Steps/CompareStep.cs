using Herald.Core.Ports;
using Herald.Core.Runs;
using Herald.Core.Updates;

namespace Herald.Application.Runs.Steps;

/// <summary>
/// Comparing → staging: the audience is compared with what the destination holds (downloaded to files, never into
/// memory), the guards apply (<see cref="UploadGuards"/>), and the file of each part to upload is written. Nothing has
/// left Herald yet, so after a crash the whole step runs again.
/// </summary>
internal sealed class CompareStep(
    RunUpdater updater,
    IRunStore runs,
    IRunWorkspace workspace,
    ISegmentGateway gateway,
    ISegmentComparer comparer,
    IDiffSampleStore samples,
    RunAccounts accounts,
    CurrentSegments currentSegments,
    UploadGuards guards,
    DestinationPlugins plugins,
    TimeProvider clock) : IRunStep
{
    public async Task RunAsync(Run run, CancellationToken cancellationToken)
    {
        var origin = run.Origin;
        var plugin = plugins.For(origin.Plugin);
        if (workspace.FindBuiltFile(run.Id) is not { } audience)
        {
            await updater.UpdateAsync(run.Id, r => r.RestartBuild(clock.GetUtcNow(),
                "The built file was not found (Herald restarted before comparing it); building it again."), cancellationToken);
            return;
        }
        if (guards.CheckAudienceSize(run, new FileInfo(audience).Length) is { } tooLarge)
        {
            await StopAsync(run.Id, null, tooLarge, cancellationToken);
            return;
        }
        if (await accounts.ForAsync(origin, cancellationToken) is not { } account)
        {
            await StopAsync(run.Id, null, new UploadStop(FailureKind.Credential,
                "The destination's credential was deleted before the segment was compared with the destination's copy. Point the destination at a credential and run again."),
                cancellationToken);
            return;
        }
        var recorder = new RunCallRecorder(runs, run.Id);
        var work = workspace.PrepareWorkDirectory(run.Id);
        var current = await currentSegments.DownloadAsync(run, account, recorder, work, cancellationToken);
        if (current.Failure is { } failed)
        {
            workspace.DeleteWork(run.Id);
            await StopAsync(run.Id, null, current.GuardBlind
                ? new UploadStop(FailureKind.ShrinkGuard,
                    $"{failed.Problem} {plugin.DisplayName} holds the segment '{origin.SegmentName}' already, so replacing it with the audience could remove " +
                    "members that Herald cannot count: the shrink guard cannot be checked, and nothing was uploaded.",
                    new RunRemedy(RunRemedyKind.RetryOrForce))
                : new UploadStop(failed.Failure ?? FailureKind.Transient, failed.StopReason!), cancellationToken);
            return;
        }

        var result = await comparer.CompareAsync(new SegmentComparisonRequest(current.Files, audience, origin.UpdateMode, plugin.MaxFileBytes, origin.AllowSplit,
            work, SegmentDiffSample.DefaultSize)
        {
            MaxParts = plugin.MaxParts,
            // What Insider One holds counts only where it passes the audience's own rules: it is merged and sent again.
            CheckCurrentValues = true,
            CurrentValueRules = plugin.ValueRuleOf(origin.AttributeName),
        }, cancellationToken);
        var names = plugin.SegmentNamesOf(origin.SegmentName, result.Parts.Count);
        SegmentComparison? comparison = null;
        if (current.Unreadable is null)
        {
            await samples.SaveAsync(run.Id, result.Sample, cancellationToken);
            comparison = new SegmentComparison(origin.UpdateMode, result.Diff, current.Segments,
                [.. current.Segments.Where(name => current.Existed.GetValueOrDefault(name) && !names.Contains(name))], HasSample: true, origin.Force);
        }
        if (guards.Check(run, result, names.Count, current.UploadedBefore) is { } stop)
        {
            workspace.DeleteWork(run.Id);
            await StopAsync(run.Id, comparison, stop, cancellationToken);
            return;
        }
        if (current.Unreadable is { } unreadable)
        {
            var why = unreadable.Presence == SegmentPresence.Exists
                ? "The run was forced past the shrink guard"
                : "Herald never uploaded to this segment, so there is nothing to guard";
            await updater.UpdateAsync(run.Id, r => r.Note(clock.GetUtcNow(),
                $"{unreadable.Problem} {why}: the audience is uploaded as it is, without a difference."), cancellationToken);
        }

        var parts = new List<SegmentPart>();
        foreach (var part in result.Parts)
        {
            var name = names[part.Number - 1];
            bool? existedBefore = current.Existed.TryGetValue(name, out var known) ? known
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
            File.Move(part.File, workspace.PartBuildPath(run.Id, part.Number), overwrite: true);
        }
        await updater.UpdateAsync(run.Id, r => r.CompleteComparison(comparison, parts, clock.GetUtcNow()), cancellationToken);
        workspace.DeleteWork(run.Id);
    }

    private async Task StopAsync(Guid runId, SegmentComparison? comparison, UploadStop stop, CancellationToken cancellationToken) =>
        await updater.UpdateAsync(runId, r => r.StopBeforeUpload(comparison, stop.Failure, stop.Reason, clock.GetUtcNow(), stop.Remedy), cancellationToken);
}
