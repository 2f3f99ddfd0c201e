using Herald.Application.Access;
using Herald.Application.UseCases;
using Herald.Core.Audiences;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Runs;

namespace Herald.Application.Runs;

/// <summary>Creates runs: from an orchestration, or an ad-hoc send of a query to a destination. The caller names who started it.</summary>
internal sealed class RunLauncher(ICatalogStore catalog, IRunStore runs, RunSignal signal, DestinationRoutes routes, Segments.SegmentAudiences segments, TimeProvider clock)
{
    public const int MaxSampleSize = 100_000;

    /// <param name="force">Pass the shrink guard: the person knows the update removes much of the segment.</param>
    /// <param name="runId">The new run's id, when chosen beforehand (a schedule's claimed slot); null for a new one.</param>
    /// <param name="occasion">Added to the run's first reason (the slot, the slots missed).</param>
    public async Task<UseCaseResult<Run>> StartOrchestrationAsync(
        Caller caller, Orchestration orchestration, bool? allowEmpty, bool force, CancellationToken cancellationToken, Guid? runId = null, string? occasion = null)
    {
        if (await catalog.GetDestinationAsync(orchestration.DestinationId, cancellationToken) is not { } destination)
        {
            return Refusal.Rule($"The orchestration's destination no longer exists; point '{orchestration.Name}' at another destination.") with { Subject = "orchestration", Key = orchestration.Name };
        }
        // An orchestration through an admin-only destination is as invisible as its destination.
        if (!DestinationAccess.MaySee(caller, destination))
        {
            return Refusal.NotFound("orchestration", orchestration.Name);
        }
        if (DestinationAccess.SendDenied(caller, destination) is { } denied)
        {
            return denied;
        }
        var (plugin, route, credentialName) = await routes.OfAsync(destination, cancellationToken);
        // A saved segment's query is built now, from the segment as it is: a change to it reaches the next run.
        var query = await segments.QueryOfAsync(orchestration, route.AttributeName, cancellationToken);
        if (!query.Succeeded)
        {
            return query.Refusal;
        }
        var origin = new RunOrigin(destination.Id, destination.Name, destination.CredentialId, orchestration.Id, orchestration.Name,
            query.Value, route.SegmentName, route.AttributeName, allowEmpty ?? orchestration.AllowEmpty, StartedBy(caller),
            route.UpdateMode, route.AllowSplit, route.ShrinkGuardShare, force, plugin.Id, credentialName);
        return await CreateAsync(origin, cancellationToken, runId, occasion);
    }

    /// <param name="segmentName">Another segment than the destination's (a test send); null for the destination's own.</param>
    /// <param name="sampleSize">Send only this many values, counted after the value rules (a test send); null for all.</param>
    /// <param name="testOf">The orchestration a test send tries (its query is the orchestration's), so it is listed with its runs; null for an ad-hoc send.</param>
    public async Task<UseCaseResult<Run>> StartSendAsync(
        Caller caller, Destination destination, string? query, bool allowEmpty, string? segmentName, int? sampleSize, bool force, CancellationToken cancellationToken,
        Orchestration? testOf = null)
    {
        if (DestinationAccess.SendDenied(caller, destination) is { } denied)
        {
            return denied;
        }
        if (string.IsNullOrWhiteSpace(query))
        {
            return Refusal.Rule("The query is empty: give a SELECT that returns one column of values.");
        }
        var (plugin, route, credentialName) = await routes.OfAsync(destination, cancellationToken);
        route = route with { SegmentName = segmentName ?? route.SegmentName };
        if (plugin.CheckRoute(route) is [var problem, ..])
        {
            return Refusal.Rule(problem.Message);
        }
        // The build takes the sample after the value rules (AudienceQuery.SampleSize), so empty and set-aside values never count.
        if (sampleSize is < 1 or > MaxSampleSize)
        {
            return Refusal.Rule($"The sample size must be between 1 and {MaxSampleSize:N0}.");
        }
        var origin = new RunOrigin(destination.Id, destination.Name, destination.CredentialId, testOf?.Id, testOf?.Name,
            query, route.SegmentName, route.AttributeName, allowEmpty, StartedBy(caller),
            route.UpdateMode, route.AllowSplit, route.ShrinkGuardShare, force, plugin.Id, credentialName, sampleSize);
        return await CreateAsync(origin, cancellationToken);
    }

    /// <summary>Creates the run of an origin already built and checked (a run in a sandbox).</summary>
    public Task<UseCaseResult<Run>> StartPreparedAsync(RunOrigin origin, CancellationToken cancellationToken) => CreateAsync(origin, cancellationToken);

    /// <summary>The caller's name as the run records it: trimmed, at most <see cref="Caller.MaxNameLength"/> characters.</summary>
    public static string StartedBy(Caller caller)
    {
        var name = caller.Name.Trim();
        return name.Length == 0 ? caller.Channel.ToString().ToLowerInvariant() : name[..Math.Min(name.Length, Caller.MaxNameLength)];
    }

    private async Task<UseCaseResult<Run>> CreateAsync(RunOrigin origin, CancellationToken cancellationToken, Guid? runId = null, string? occasion = null)
    {
        var run = new Run(runId ?? Guid.NewGuid(), origin, clock.GetUtcNow(), occasion);
        await runs.CreateAsync(run, cancellationToken);
        Telemetry.HeraldTelemetry.RunsStarted.Add(1, new KeyValuePair<string, object?>("origin", origin.OrchestrationId is null ? "send" : "orchestration"));
        signal.Pulse();
        return run;
    }
}
