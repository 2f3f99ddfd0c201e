using Herald.Application.UseCases;
using Herald.Core.Catalog;
using Herald.Core.Runs;
using Herald.Core.Updates;
using Herald.InsiderOne;

namespace Herald.Server.Api;

/// <summary>Turns the model into the API's messages; nothing secret has a field to land in.</summary>
internal static class ApiViews
{
    public static CredentialView ToView(this Credential credential, IReadOnlyList<string> usedBy, CredentialHandover? handedOver = null) =>
        new(credential.Id, credential.Name, credential.Plugin, credential.InsiderOne().PartnerName, credential.Description, usedBy, credential.CreatedAt, credential.UpdatedAt,
            handedOver is null ? null : new CredentialHandoverView(handedOver.RequestedBy, handedOver.RequestedAt, handedOver.HandedOverAt));

    public static DestinationView ToView(this Destination destination, string credentialName) =>
        new(destination.Id, destination.Name, destination.CredentialId, credentialName, destination.InsiderOne().SegmentName, destination.InsiderOne().AttributeName,
            destination.Description, destination.CreatedAt, destination.UpdatedAt,
            destination.InsiderOne().UpdateMode.ToWireName(), destination.InsiderOne().AllowSplit, destination.InsiderOne().ShrinkGuardShare,
            destination.AdminOnly, destination.PiiAllowed);

    public static OrchestrationView ToView(this Orchestration orchestration, string destinationName, RunSummary? lastRun) =>
        new(orchestration.Id, orchestration.Name, orchestration.DestinationId, destinationName, orchestration.Query, orchestration.AllowEmpty,
            orchestration.Description, lastRun, orchestration.CreatedAt, orchestration.UpdatedAt, orchestration.Segment, orchestration.IdentifierColumn);

    public static RunSummary ToSummary(this Run run) => new(
        run.Id, run.State.ToWireName(), run.Reason, FailureName(run.Failure),
        new NamedRef(run.Origin.DestinationId, run.Origin.DestinationName),
        run.Origin.OrchestrationId is { } id ? new NamedRef(id, run.Origin.OrchestrationName!) : null,
        run.Origin.SegmentName, run.Origin.StartedBy, run.CreatedAt, run.UpdatedAt, run.FinishedAt,
        CountsOf(run), ReportOf(run), DiffOf(run), run.Origin.SampleSize, run.Origin.Sandbox, run.Origin.OrchestrationName);

    public static RunView ToView(this Run run, IReadOnlyList<RunCall> calls) => new(
        run.Id, run.State.ToWireName(), run.Reason, FailureName(run.Failure), NextStepOf(run),
        new NamedRef(run.Origin.DestinationId, run.Origin.DestinationName),
        run.Origin.OrchestrationId is { } id ? new NamedRef(id, run.Origin.OrchestrationName!) : null,
        run.Origin.Query, run.Origin.SegmentName, run.Origin.AttributeName, run.Origin.StartedBy,
        run.CreatedAt, run.UpdatedAt, run.FinishedAt,
        run.FinishedAt is { } finished ? (finished - run.CreatedAt).TotalSeconds : null,
        CountsOf(run),
        FileOf(run),
        run.SubmittedAt, run.ReportDeadline, ReportOf(run),
        [.. run.History.Select(e => new RunEventView(e.At, e.State.ToWireName(), e.Reason))],
        [.. calls.Select(c => new RunCallView(c.At, c.Operation, c.Attempt, c.Request, c.Status, c.Response, c.DurationMs, c.Outcome, c.IsExpected))],
        DiffOf(run),
        [.. run.Parts.Select(p => new RunPartView(p.Number, p.SegmentName, p.Values, p.File?.Bytes,
            p.Diff is { } d ? new RunPartDiffView(d.Added, d.Removed, d.Kept) : null, p.SubmittedAt, ReportOf(p.Report)))],
        run.Origin.UpdateMode.ToWireName(),
        run.Origin.SampleSize,
        run.Origin.Sandbox,
        run.Origin.OrchestrationName);

    /// <summary>The run's files as one: their total size, and when the first of their URLs stops working.</summary>
    private static RunFileView? FileOf(Run run) =>
        run.Parts.Count > 0 && run.Parts.All(p => p.File is not null)
            ? new RunFileView(run.Parts.Sum(p => p.File!.Bytes), run.Parts.Min(p => p.File!.ExpiresAt))
            : null;

    private static RunDiffView? DiffOf(Run run) => run.Comparison is { } c
        ? new RunDiffView(c.Diff.Added, c.Diff.Removed, c.Diff.Kept, c.Mode.ToWireName(), c.Forced, c.SegmentsBefore, c.SegmentsLeftBehind, c.HasSample,
            Applied: run.Parts.Count > 0 && run.Parts.All(Uploaded))
        : null;

    /// <summary>
    /// Whether Insider One took the part: its submission was accepted, or Insider One reported on it. A submission
    /// in doubt is not counted, so that a page never says more reached Insider One than is known to have.
    /// </summary>
    private static bool Uploaded(SegmentPart part) => part.SubmittedAt is not null || part.Report is not null;

    /// <summary>
    /// What the person looking at a failed run should do next, as this edge says it: command lines naming the run's
    /// own destination, credential and orchestration (values Herald cannot know, such as a new token, in capitals).
    /// </summary>
    public static string? NextStepOf(Run run)
    {
        var origin = run.Origin;
        var destination = origin.DestinationName;
        if (origin.Sandbox is { } sandbox)
        {
            // A sandbox's run is changed and run again in the sandbox: its destination may exist nowhere else.
            var inSandbox = $"herald sandbox run {sandbox} {origin.OrchestrationName ?? "ORCHESTRATION"}";
            return run.State switch
            {
                RunState.Succeeded => $"Check the segment '{origin.SegmentName}' in InOne; if it looks right, promote the sandbox: herald sandbox promote {sandbox} --message \"WHAT AND WHY\".",
                RunState.Failed when run.Failure == FailureKind.Credential =>
                    $"Enter the credential's secret for the sandbox (herald sandbox secret {sandbox} {origin.CredentialName ?? "CREDENTIAL"} --api-token-stdin), then {inSandbox}.",
                RunState.Failed or RunState.Cancelled =>
                    $"Fix what the reason says in the sandbox (herald config export --sandbox {sandbox}, edit, herald config apply FILE --sandbox {sandbox}), then {inSandbox}.",
                _ => null,
            };
        }
        if (origin.IsTest && origin.OrchestrationName is { } tested)
        {
            // A test of an orchestration: its next step is the real run once the sample looks right, or the same test again.
            var again = $"herald orchestration test-send {tested} --segment-name \"{origin.SegmentName}\" --sample-size {origin.SampleSize}";
            return run.State switch
            {
                RunState.Succeeded => $"Check the test segment '{origin.SegmentName}' in InOne; if it looks right, run the orchestration: herald orchestration run {tested}.",
                RunState.Failed or RunState.Cancelled => $"Fix what the reason says, then test again: {again}.",
                _ => null,
            };
        }
        var rerun = origin.OrchestrationName is { } name
            ? $"herald orchestration run {name}"
            : $"herald send --destination {destination} --query-file FILE";
        var force = origin.OrchestrationName is { } forced ? $"herald orchestration run {forced} --force" : $"{rerun} --force";
        var credential = origin.CredentialName is { } credentialName
            ? $"herald credential update {credentialName} --api-token-stdin (or --partner-name NAME)"
            : $"herald destination show {destination} names the credential; herald credential update CREDENTIAL --api-token-stdin (or --partner-name NAME)";
        var fixQuery = origin.OrchestrationName is { } orchestration
            ? $"Fix the query (herald orchestration update {orchestration} --query-file FILE), then {rerun}."
            : $"Fix the query, then send it again: {rerun}.";
        var checkSample = $"Check the query and the diff sample (GET /api/runs/{run.Id}/diff-sample); if the audience is right: {force}.";
        return run.State switch
        {
            RunState.Failed when run.Remedy is { } remedy => remedy.Kind switch
            {
                RunRemedyKind.AllowSplit => $"Narrow the query, or let the destination split the audience into numbered segments: herald destination update {destination} --allow-split; then {rerun}.",
                RunRemedyKind.ShortenSegmentName => $"Shorten the segment name to at most {remedy.MaxSegmentNameLength} characters: herald destination update {destination} --segment-name NAME; then {rerun}.",
                RunRemedyKind.AllowEmpty => $"Fix the query; if an empty audience is meant: {rerun} --allow-empty.",
                RunRemedyKind.RetryOrForce => $"Run again when Insider One serves the segment's current values: {rerun}; if the audience is right and may replace the whole segment: {force}.",
                _ => checkSample,
            },
            RunState.Failed => run.Failure switch
            {
                FailureKind.Audience => fixQuery,
                FailureKind.Credential => $"Update the credential ({credential}), then {rerun}.",
                FailureKind.Destination => $"Edit the destination (herald destination update {destination} --segment-name NAME), then {rerun}.",
                FailureKind.ShrinkGuard => checkSample,
                FailureKind.Transient => $"Insider One or the network failed; run again later: {rerun}.",
                FailureKind.ReportTimeout => "Check the segment in InOne and that Insider One can reach Herald:PublicBaseUrl; a late report is still recorded.",
                _ => $"Check the reason and Herald's settings, then {rerun}.",
            },
            RunState.Cancelled => $"Start a new run when ready: {rerun}.",
            _ => null,
        };
    }

    private static string? FailureName(FailureKind? failure) => failure switch
    {
        null => null,
        FailureKind.ReportTimeout => "report_timeout",
        FailureKind.ShrinkGuard => "shrink_guard",
        { } kind => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>A preview as the API and the form show it: the counts are what a run would plan, so nothing is uploaded.</summary>
    public static QueryPreviewView ToView(this QueryPreviewResult preview, string? columnCheck = null) =>
        new(preview.Columns, preview.Rows, preview.ColumnCheckPassed, columnCheck ?? preview.ColumnCheck, preview.Shortened,
            QueryPiiView.Of(preview.Pii), preview.Redacted,
            preview.Counts is { } c ? new RunCountsView(c.RowsQueried, c.ValuesSent, c.EmptyValues, c.DuplicateValues, c.SetAside,
                c.Normalized ?? new Dictionary<string, long>()) : null,
            preview.CountsSummary);

    private static RunCountsView? CountsOf(Run run) => run.Counts is { } c
        ? new RunCountsView(c.RowsQueried, c.ValuesSent, c.EmptyValues, c.DuplicateValues, c.SetAside, c.Normalized ?? new Dictionary<string, long>(),
            ValuesUploaded: run.Parts.Where(Uploaded).Sum(p => p.Values))
        : null;

    private static RunReportView? ReportOf(Run run) => ReportOf(run.Report);

    private static RunReportView? ReportOf(SegmentReport? report) => report is { } r
        ? new RunReportView(r.Valid, r.Invalid, r.Total, r.ReceivedAt, r.Late)
        : null;
}
