using Herald.Core.Ports;
using Herald.Core.Runs;

namespace Herald.Application.Runs.Steps;

/// <summary>
/// Settles a submission in doubt: the upload may have left before Herald stopped. The destination is asked, and a
/// submission it has is not sent again: for a segment that did not exist before this run, its presence says so; for
/// one that did, Herald downloads it and looks for exactly this run's values.
/// </summary>
internal sealed class InDoubtSubmissions(
    RunUpdater updater,
    IRunWorkspace workspace,
    IFileHost files,
    ISegmentGateway gateway,
    ISegmentComparer comparer,
    Acceptances acceptances,
    DestinationPlugins plugins,
    TimeProvider clock)
{
    /// <summary>True when the part is settled as accepted; false when it is to be submitted (again).</summary>
    public async Task<bool> SettleAsync(Run run, SegmentPart part, SegmentAccount account, ICallRecorder recorder, CancellationToken cancellationToken)
    {
        var destination = plugins.For(run.Origin.Plugin).DisplayName;
        if (part.ExistedBefore == true)
        {
            var holdsThisRun = part.Diff?.Changes == true && part.File is { } staged
                && await HoldsValuesOfAsync(run, part, staged, account, recorder, cancellationToken);
            var now = clock.GetUtcNow();
            if (holdsThisRun)
            {
                await acceptances.AcceptAsync(run, part.Number, now,
                    $"After a restart Herald found '{part.SegmentName}' in {destination} holding exactly this run's values: the earlier submission was accepted, so it is not sent again.",
                    cancellationToken);
                return true;
            }
            await updater.UpdateAsync(run.Id, r => r.Note(now,
                $"After a restart Herald could not find this run's values in '{part.SegmentName}' (the earlier submission did not arrive, or {destination} is still processing it); " +
                "submitting again: an upload by the same token replaces the segment, so a repeat changes nothing more."), cancellationToken);
            return false;
        }

        var presence = await gateway.FindSegmentAsync(account, part.SegmentName, recorder, cancellationToken);
        var at = clock.GetUtcNow();
        if (presence == SegmentPresence.Exists)
        {
            await acceptances.AcceptAsync(run, part.Number, at,
                $"After a restart Herald found the segment in {destination}: the earlier submission was accepted, so it is not sent again.", cancellationToken);
            return true;
        }
        await updater.UpdateAsync(run.Id, r => r.Note(at, presence == SegmentPresence.Absent
            ? $"After a restart Herald found no such segment in {destination}: the earlier submission did not arrive; submitting it now."
            : $"After a restart Herald could not tell whether the earlier submission arrived; submitting again ({destination} keeps one segment per name)."), cancellationToken);
        return false;
    }

    private async Task<bool> HoldsValuesOfAsync(Run run, SegmentPart part, StagedFile staged, SegmentAccount account, ICallRecorder recorder, CancellationToken cancellationToken)
    {
        var work = workspace.PrepareWorkDirectory(run.Id);
        try
        {
            var held = Path.Combine(work, "held.csv");
            var download = await gateway.DownloadSegmentAsync(account, part.SegmentName, held, recorder, cancellationToken);
            if (download.Failed || download.Presence != SegmentPresence.Exists)
            {
                return false;
            }
            var sent = Path.Combine(work, "sent.csv");
            await files.CopyToAsync(staged, sent, cancellationToken);
            return await comparer.HoldSameValuesAsync(held, sent, cancellationToken);
        }
        finally
        {
            workspace.DeleteWork(run.Id);
        }
    }
}
