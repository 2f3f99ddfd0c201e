using Herald.Core.Catalog;
using Herald.Core.Runs;

namespace Herald.Server.Api;

/// <summary>Turns the model into the API's messages; nothing secret has a field to land in.</summary>
internal static class ApiViews
{
    public static CredentialView ToView(this Credential credential, IReadOnlyList<string> usedBy) =>
        new(credential.Id, credential.Name, credential.Plugin, credential.PartnerName, credential.Description, usedBy, credential.CreatedAt, credential.UpdatedAt);

    public static DestinationView ToView(this Destination destination, string credentialName) =>
        new(destination.Id, destination.Name, destination.CredentialId, credentialName, destination.SegmentName, destination.AttributeName,
            destination.Description, destination.CreatedAt, destination.UpdatedAt);

    public static OrchestrationView ToView(this Orchestration orchestration, string destinationName, RunSummary? lastRun) =>
        new(orchestration.Id, orchestration.Name, orchestration.DestinationId, destinationName, orchestration.Query, orchestration.AllowEmpty,
            orchestration.Description, lastRun, orchestration.CreatedAt, orchestration.UpdatedAt);

    public static RunSummary ToSummary(this Run run) => new(
        run.Id, run.State.ToWireName(), run.Reason, FailureName(run.Failure),
        new NamedRef(run.Origin.DestinationId, run.Origin.DestinationName),
        run.Origin.OrchestrationId is { } id ? new NamedRef(id, run.Origin.OrchestrationName!) : null,
        run.Origin.SegmentName, run.Origin.StartedBy, run.CreatedAt, run.UpdatedAt, run.FinishedAt,
        CountsOf(run), ReportOf(run));

    public static RunView ToView(this Run run, IReadOnlyList<RunCall> calls) => new(
        run.Id, run.State.ToWireName(), run.Reason, FailureName(run.Failure), NextStepOf(run),
        new NamedRef(run.Origin.DestinationId, run.Origin.DestinationName),
        run.Origin.OrchestrationId is { } id ? new NamedRef(id, run.Origin.OrchestrationName!) : null,
        run.Origin.Query, run.Origin.SegmentName, run.Origin.AttributeName, run.Origin.StartedBy,
        run.CreatedAt, run.UpdatedAt, run.FinishedAt,
        run.FinishedAt is { } finished ? (finished - run.CreatedAt).TotalSeconds : null,
        CountsOf(run),
        run.File is { } file ? new RunFileView(file.Bytes, file.ExpiresAt) : null,
        run.SubmittedAt, run.ReportDeadline, ReportOf(run),
        [.. run.History.Select(e => new RunEventView(e.At, e.State.ToWireName(), e.Reason))],
        [.. calls.Select(c => new RunCallView(c.At, c.Operation, c.Attempt, c.Request, c.Status, c.Response, c.DurationMs, c.Outcome))]);

    /// <summary>What the person looking at a failed run should do next.</summary>
    public static string? NextStepOf(Run run)
    {
        var rerun = run.Origin.OrchestrationName is { } name ? $"herald orchestration run {name}" : "herald send ... again";
        return run.State switch
        {
            RunState.Failed => run.Failure switch
            {
                FailureKind.Audience => $"Fix the query (herald orchestration update <name> --query-file <file>), then {rerun}.",
                FailureKind.Credential => "Update the credential (herald credential update <name> --partner-name ... --api-token-stdin), then run again.",
                FailureKind.Destination => $"Edit the destination (herald destination update {run.Origin.DestinationName} --segment-name ...), then run again.",
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
        { } kind => kind.ToString().ToLowerInvariant(),
    };

    private static RunCountsView? CountsOf(Run run) => run.Counts is { } c
        ? new RunCountsView(c.RowsQueried, c.ValuesSent, c.EmptyValues, c.DuplicateValues, c.SetAside)
        : null;

    private static RunReportView? ReportOf(Run run) => run.Report is { } r
        ? new RunReportView(r.Valid, r.Invalid, r.Total, r.ReceivedAt, r.Late)
        : null;
}
