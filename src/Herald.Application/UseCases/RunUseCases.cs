using Herald.Application.Access;
using Herald.Application.Pii;
using Herald.Application.Runs;
using Herald.Core.Ports;
using Herald.Core.Runs;
using Herald.Core.Updates;

namespace Herald.Application.UseCases;

/// <summary>Starting, sending, running again and cancelling runs: one place for the API, the web UI and the CLI.</summary>
internal sealed class RunUseCases(
    ICatalogStore catalog, IRunStore runs, IDiffSampleStore samples, AudienceRedaction redaction, RunLauncher launcher, DestinationRoutes routes, RunUpdater updater,
    Segments.SegmentAudiences segments, AuditTrail audit, TimeProvider clock)
{
    /// <summary>Runs the orchestration as it is now.</summary>
    /// <param name="allowEmpty">Overrides the orchestration's own setting for this run; null keeps it.</param>
    /// <param name="force">Passes the shrink guard.</param>
    public async Task<UseCaseResult<Run>> StartOrchestrationAsync(Caller caller, string orchestrationKey, bool? allowEmpty, bool force, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.RunStart, force ? "start run (past the shrink guard)" : "start run", orchestrationKey, null,
            await StartOrchestrationUnauditedAsync(caller, orchestrationKey, allowEmpty, force, cancellationToken), Started);

    private async Task<UseCaseResult<Run>> StartOrchestrationUnauditedAsync(Caller caller, string orchestrationKey, bool? allowEmpty, bool force, CancellationToken cancellationToken) =>
        caller.Denied(HeraldActions.RunStart) is { } denied ? denied : (await catalog.FindOrchestrationAsync(orchestrationKey, cancellationToken) is { } orchestration
            ? await launcher.StartOrchestrationAsync(caller, orchestration, allowEmpty, force, cancellationToken)
            : Refusal.NotFound("orchestration", orchestrationKey));

    /// <summary>Sends a query's audience to a destination without an orchestration (or a test send to a segment of its own).</summary>
    public async Task<UseCaseResult<Run>> SendAsync(Caller caller, SendCommand send, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.RunSend, send.Force ? "send (past the shrink guard)" : "send", send.Destination, null,
            await SendUnauditedAsync(caller, send, cancellationToken), Started);

    private async Task<UseCaseResult<Run>> SendUnauditedAsync(Caller caller, SendCommand send, CancellationToken cancellationToken) =>
        caller.Denied(HeraldActions.RunSend) is { } denied ? denied : !string.IsNullOrWhiteSpace(send.Destination) && await catalog.FindDestinationAsync(send.Destination, cancellationToken) is { } destination
            ? await launcher.StartSendAsync(caller, destination, send.Query, send.AllowEmpty, send.SegmentName, send.SampleSize, send.Force, cancellationToken)
            : Refusal.NotFound("destination", send.Destination ?? "");

    /// <summary>
    /// A test send of the orchestration: its query as it is now, exactly <paramref name="sampleSize"/> values (after the value
    /// rules) to <paramref name="segmentName"/>, never the destination's own segment. Listed with the orchestration's runs,
    /// marked as a test. Asks run:send, as any send to a segment of one's choosing does.
    /// </summary>
    public async Task<UseCaseResult<Run>> TestSendAsync(Caller caller, string orchestrationKey, string? segmentName, int sampleSize, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.RunSend, "test send", orchestrationKey, null,
            await TestSendUnauditedAsync(caller, orchestrationKey, segmentName, sampleSize, cancellationToken), Started);

    private async Task<UseCaseResult<Run>> TestSendUnauditedAsync(Caller caller, string orchestrationKey, string? segmentName, int sampleSize, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.RunSend) is { } denied)
        {
            return denied;
        }
        if (await catalog.FindOrchestrationAsync(orchestrationKey, cancellationToken) is not { } orchestration)
        {
            return Refusal.NotFound("orchestration", orchestrationKey);
        }
        if (await catalog.GetDestinationAsync(orchestration.DestinationId, cancellationToken) is not { } destination)
        {
            return Refusal.Rule($"The orchestration's destination no longer exists; point '{orchestration.Name}' at another destination.");
        }
        // An orchestration sending to an admin-only destination is hidden from who may not see it: not found, as in every list.
        if (!DestinationAccess.MaySee(caller, destination))
        {
            return Refusal.NotFound("orchestration", orchestrationKey);
        }
        var route = (await routes.OfAsync(destination, cancellationToken)).Route;
        var ownSegment = route.SegmentName;
        if (string.IsNullOrWhiteSpace(segmentName) || string.Equals(segmentName.Trim(), ownSegment, StringComparison.OrdinalIgnoreCase))
        {
            return Refusal.Invalid("test send", [new Core.Catalog.FieldProblem("SegmentName", string.IsNullOrWhiteSpace(segmentName)
                ? "Name the segment the test goes to: a segment of its own, never the destination's."
                : $"'{segmentName.Trim()}' is the destination's own segment, which a test would replace with {sampleSize:N0} values. Give the test a segment name of its own.")]);
        }
        var query = await segments.QueryOfAsync(orchestration, route.AttributeName, cancellationToken);
        return query.Succeeded
            ? await launcher.StartSendAsync(caller, destination, query.Value, orchestration.AllowEmpty, segmentName.Trim(), sampleSize, false, cancellationToken, orchestration)
            : query.Refusal;
    }

    /// <summary>
    /// A new run like the given one: of its orchestration as it is now (the fix just made is what the person wants to
    /// try), or of the same query to the same destination and segment.
    /// </summary>
    public async Task<UseCaseResult<Run>> RunAgainAsync(Caller caller, Guid runId, bool force, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.RunStart, force ? "run again (past the shrink guard)" : "run again", runId.ToString(), null,
            await RunAgainUnauditedAsync(caller, runId, force, cancellationToken), Started);

    private async Task<UseCaseResult<Run>> RunAgainUnauditedAsync(Caller caller, Guid runId, bool force, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.RunStart) is { } denied)
        {
            return denied;
        }
        if (await runs.GetAsync(runId, cancellationToken) is not { } run)
        {
            return Refusal.NotFound("run", runId.ToString());
        }
        if (run.Origin.Sandbox is { } sandbox)
        {
            // Running it again here would send with production's destination; the sandbox decides its own runs.
            return Refusal.Rule($"This run was in the sandbox '{sandbox}': run it again from the sandbox (herald sandbox run {sandbox} {run.Origin.OrchestrationName}).");
        }
        var ofOrchestration = run.Origin.OrchestrationId is { } orchestrationId ? await catalog.FindOrchestrationAsync(orchestrationId.ToString(), cancellationToken) : null;
        // A test runs again as the same test (its sample, its own segment), never as a real update of the destination's segment.
        if (run.Origin.IsTest && ofOrchestration is not null)
        {
            return await TestSendUnauditedAsync(caller, ofOrchestration.Id.ToString(), run.Origin.SegmentName, run.Origin.SampleSize!.Value, cancellationToken);
        }
        if (!run.Origin.IsTest && ofOrchestration is { } orchestration)
        {
            return await launcher.StartOrchestrationAsync(caller, orchestration, run.Origin.AllowEmpty, force, cancellationToken);
        }
        if (await catalog.GetDestinationAsync(run.Origin.DestinationId, cancellationToken) is { } destination)
        {
            // Without its orchestration, running again sends the run's own query: a send.
            if (caller.Denied(HeraldActions.RunSend) is { } sendDenied)
            {
                return sendDenied;
            }
            return await launcher.StartSendAsync(caller, destination, run.Origin.Query, run.Origin.AllowEmpty, run.Origin.SegmentName, run.Origin.SampleSize, force, cancellationToken);
        }
        return Refusal.Conflict("The run's destination no longer exists, so it cannot run again.");
    }

    /// <summary>
    /// The values a run added, removed and kept (a sample). They are personal data: this is the one place that decides
    /// who reads them (run:read), and what a caller whose policy restricts personal data sees (the values of a PII
    /// audience hidden, with a sentence saying why).
    /// </summary>
    public async Task<UseCaseResult<DiffSampleRead>> DiffSampleAsync(Caller caller, Guid runId, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.RunRead) is { } denied)
        {
            return denied;
        }
        if (await runs.GetAsync(runId, cancellationToken) is not { } run)
        {
            return Refusal.NotFound("run", runId.ToString());
        }
        return await samples.ReadAsync(runId, cancellationToken) is { } sample
            ? await redaction.DiffSampleAsync(caller, run.Origin, sample, cancellationToken)
            : new Refusal(RefusalKind.NotFound, "This run has no diff sample: it did not compare its audience with the destination's segment.", []) { Subject = "diff sample" };
    }

    // A run in the audit log: enough to find it, never its values.
    private static object Started(Run run) => new { run.Id, State = run.State.ToWireName(), run.Origin.SegmentName, run.Origin.OrchestrationId, run.Origin.DestinationId };

    /// <summary>The destination downloaded one of the run's files (by its signed URL); nothing when the run is gone.</summary>
    public async Task NoteFileDownloadAsync(Caller caller, Guid runId, string fileName, CancellationToken cancellationToken)
    {
        if (await runs.GetAsync(runId, cancellationToken) is not null)
        {
            await updater.UpdateAsync(runId, run => run.RecordFileDownload(fileName, clock.GetUtcNow()), cancellationToken);
        }
    }

    /// <summary>Cancels a run that is not final; a run waiting for its report keeps what Insider One accepted.</summary>
    public async Task<UseCaseResult<Run>> CancelAsync(Caller caller, Guid runId, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.RunCancel, "cancel run", runId.ToString(), null, await CancelUnauditedAsync(caller, runId, cancellationToken), Started);

    private async Task<UseCaseResult<Run>> CancelUnauditedAsync(Caller caller, Guid runId, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.RunCancel) is { } denied)
        {
            return denied;
        }
        if (await runs.GetAsync(runId, cancellationToken) is null)
        {
            return Refusal.NotFound("run", runId.ToString());
        }
        var by = RunLauncher.StartedBy(caller);
        var (run, cancelled) = await updater.UpdateAsync(runId, r =>
        {
            if (r.IsFinal)
            {
                return false;
            }
            r.Cancel(r.State == RunState.AwaitingReport
                ? $"Cancelled by {by} while waiting for Insider One's report; the segment was already submitted and stays in Insider One."
                : $"Cancelled by {by}; nothing more will be sent for this run.", clock.GetUtcNow());
            return true;
        }, cancellationToken);
        return cancelled ? run : Refusal.Conflict($"The run is {run.State.ToWireName()} already; there is nothing to cancel.") with { Subject = "run" };
    }
}

/// <summary>A send: a query to a destination, optionally to another segment (a test) and only its first values.</summary>
public sealed record SendCommand(string? Destination, string? Query, bool AllowEmpty = false, string? SegmentName = null, int? SampleSize = null, bool Force = false);
