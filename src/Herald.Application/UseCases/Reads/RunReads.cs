using Herald.Application.Access;
using Herald.Application.Pii;
using Herald.Core.Ports;
using Herald.Core.Runs;

namespace Herald.Application.UseCases;

/// <summary>
/// What a caller may see of runs: the history, one run with its calls, and the home page's figures. One place for the
/// API, the pages and the CLI, so that who sees which runs (and which values in them) is decided here.
/// </summary>
internal sealed class RunReads(ICatalogStore catalog, IRunStore runs)
{
    // Enough for two weeks of a busy schedule: the home page says "runs per day", it is not a complete audit.
    private const int DashboardRuns = 1000;
    private const int InFlightPerState = 100;
    private const int FailedRuns = 200;
    // The "started by" choices come from this many recent runs.
    private const int StartedByRuns = 500;

    /// <summary>Runs matching the filter, newest first.</summary>
    public async Task<IReadOnlyList<Run>> ListAsync(Caller caller, RunFilter filter, CancellationToken cancellationToken)
    {
        if (!caller.Grant.Allows(HeraldActions.RunRead))
        {
            return [];
        }
        Guid? destinationId = null, orchestrationId = null;
        if (!string.IsNullOrWhiteSpace(filter.Destination))
        {
            // A name that matches nothing matches no run, rather than being ignored and listing them all.
            destinationId = (await catalog.FindDestinationAsync(filter.Destination.Trim(), cancellationToken))?.Id ?? Guid.Empty;
        }
        if (!string.IsNullOrWhiteSpace(filter.Orchestration))
        {
            orchestrationId = (await catalog.FindOrchestrationAsync(filter.Orchestration.Trim(), cancellationToken))?.Id ?? Guid.Empty;
        }
        var listed = await runs.ListAsync(new RunQuery(filter.State, destinationId, orchestrationId,
            string.IsNullOrWhiteSpace(filter.StartedBy) ? null : filter.StartedBy.Trim(),
            string.IsNullOrWhiteSpace(filter.Search) ? null : filter.Search.Trim(),
            Math.Clamp(filter.Limit, 1, RunFilter.MaxLimit), filter.From, filter.Before, Math.Max(0, filter.Offset),
            Sandbox: string.IsNullOrWhiteSpace(filter.Sandbox) ? null : filter.Sandbox.Trim()), cancellationToken);
        return caller.Grant.RestrictsPii ? [.. listed.Select(RunRedaction.Redact)] : listed;
    }

    /// <summary>Who started the recent runs, for a filter's choices.</summary>
    public async Task<IReadOnlyList<string>> StartedByAsync(Caller caller, CancellationToken cancellationToken) =>
        !caller.Grant.Allows(HeraldActions.RunRead) ? [] : [.. (await runs.ListAsync(new RunQuery(Limit: StartedByRuns), cancellationToken)).Select(r => r.Origin.StartedBy).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>One run with its recorded calls.</summary>
    public async Task<UseCaseResult<RunDetails>> GetAsync(Caller caller, Guid runId, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.RunRead) is { } denied)
        {
            return denied;
        }
        if (await runs.GetAsync(runId, cancellationToken) is not { } run)
        {
            return Refusal.NotFound("run", runId.ToString());
        }
        var calls = await runs.ListCallsAsync(runId, cancellationToken);
        var credential = await catalog.GetCredentialAsync(run.Origin.CredentialId, cancellationToken);
        // Reasons and Insider One's answers may quote values: a caller without pii:view sees them hidden.
        return caller.Grant.RestrictsPii
            ? new RunDetails(RunRedaction.Redact(run), [.. calls.Select(c => RunRedaction.Redact(c, run))], credential)
            : new RunDetails(run, calls, credential);
    }

    /// <summary>The home page's figures.</summary>
    /// <remarks>Without run:read the lists are empty; without catalog:read the counts are zero.</remarks>
    public async Task<Dashboard> DashboardAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!caller.Grant.Allows(HeraldActions.RunRead))
        {
            return new Dashboard([], [], [], 0, 0, 0);
        }
        var recent = await runs.ListAsync(new RunQuery(Limit: DashboardRuns), cancellationToken);
        var inFlight = new List<Run>();
        foreach (var state in Enum.GetValues<RunState>().Where(s => !s.IsFinal()))
        {
            inFlight.AddRange(await runs.ListAsync(new RunQuery(State: state, Limit: InFlightPerState), cancellationToken));
        }
        var failed = await runs.ListAsync(new RunQuery(State: RunState.Failed, Limit: FailedRuns), cancellationToken);
        if (caller.Grant.RestrictsPii)
        {
            (recent, inFlight, failed) = ([.. recent.Select(RunRedaction.Redact)], [.. inFlight.Select(RunRedaction.Redact)], [.. failed.Select(RunRedaction.Redact)]);
        }
        return new Dashboard(recent, [.. inFlight.OrderByDescending(r => r.CreatedAt)], failed,
            (await catalog.ListCredentialsAsync(cancellationToken)).Count,
            (await catalog.ListDestinationsAsync(cancellationToken)).Count,
            (await catalog.ListOrchestrationsAsync(cancellationToken)).Count);
    }
}
