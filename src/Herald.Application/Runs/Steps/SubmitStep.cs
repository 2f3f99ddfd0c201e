using Herald.Core.Ports;
using Herald.Core.Runs;

namespace Herald.Application.Runs.Steps;

/// <summary>
/// Submitting → awaiting report: the next part's upload is recorded before it leaves, then sent; the engine's loop
/// comes back for the part after. A part whose answer was lost in a restart is settled first (<see cref="InDoubtSubmissions"/>).
/// </summary>
internal sealed class SubmitStep(
    RunUpdater updater,
    IRunStore runs,
    IFileHost files,
    ISegmentGateway gateway,
    IRunCallbackUrls callbackUrls,
    RunAccounts accounts,
    InDoubtSubmissions inDoubt,
    Acceptances acceptances,
    DestinationPlugins plugins,
    TimeProvider clock) : IRunStep
{
    public async Task RunAsync(Run run, CancellationToken cancellationToken)
    {
        if (await accounts.ForAsync(run.Origin, cancellationToken) is not { } account)
        {
            await updater.UpdateAsync(run.Id, r => r.Fail(FailureKind.Credential,
                "The destination's credential was deleted before the segment was submitted. Point the destination at a credential and run again.",
                clock.GetUtcNow()), cancellationToken);
            return;
        }
        if ((run.Parts.FirstOrDefault(p => p.SubmissionInDoubt) ?? run.NextPartToSubmit) is not { } part)
        {
            return;
        }
        var recorder = new RunCallRecorder(runs, run.Id);
        var destination = plugins.For(run.Origin.Plugin).DisplayName;
        var wasInDoubt = part.SubmissionInDoubt;
        if (wasInDoubt && await inDoubt.SettleAsync(run, part, account, recorder, cancellationToken))
        {
            return;
        }
        var file = part.File!;
        if (!await files.ExistsAsync(file, cancellationToken))
        {
            await updater.UpdateAsync(run.Id, r => r.Fail(FailureKind.Internal,
                $"The staged file is missing from Herald's file host, so {destination} could not download it; nothing was submitted. Run again." + AcceptedEarlier(run, part, destination),
                clock.GetUtcNow()), cancellationToken);
            return;
        }

        await updater.UpdateAsync(run.Id, r => r.BeginSubmission(part.Number, clock.GetUtcNow()), cancellationToken);
        var fileUrl = files.CreateSignedUrl(file);
        var submission = new SegmentSubmission(account, part.SegmentName, run.Origin.AttributeName,
            fileUrl, callbackUrls.For(run.Id), MaskSignature(fileUrl), callbackUrls.MaskedFor(run.Id));
        var outcome = await gateway.SubmitAsync(submission, recorder, cancellationToken);
        var now = clock.GetUtcNow();
        if (outcome.Accepted)
        {
            await acceptances.AcceptAsync(run, part.Number, now, outcome.Message, cancellationToken);
            return;
        }
        if (wasInDoubt && part.ExistedBefore != true && outcome.Refusal == SubmissionRefusal.SegmentNameTaken)
        {
            // Our own earlier, unrecorded submission holds the name: it was accepted.
            await acceptances.AcceptAsync(run, part.Number, now,
                $"{destination} holds the segment name since Herald's earlier submission, whose answer was lost in a restart: it was accepted.", cancellationToken);
            return;
        }
        await updater.UpdateAsync(run.Id, r => r.Fail(outcome.Failure ?? FailureKind.Internal, outcome.Message + AcceptedEarlier(run, part, destination), now), cancellationToken);
    }

    private static string AcceptedEarlier(Run run, SegmentPart failed, string destination) =>
        run.Parts.Where(p => p.Number != failed.Number && p.SubmittedAt is not null).Select(p => $"'{p.SegmentName}'").ToList() is { Count: > 0 } accepted
            ? $" {destination} had accepted {string.Join(", ", accepted)} already: those segments are updated; run again to finish the update."
            : "";

    /// <summary>The file URL as the history shows it: without its signature.</summary>
    private static string MaskSignature(Uri fileUrl)
    {
        var text = fileUrl.ToString();
        var at = text.IndexOf("signature=", StringComparison.Ordinal);
        return at < 0 ? text : text[..(at + "signature=".Length)] + "***";
    }
}
