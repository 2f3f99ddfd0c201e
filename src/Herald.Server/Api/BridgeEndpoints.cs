using Herald.Application.UseCases;

namespace Herald.Server.Api;

/// <summary>
/// <c>/api/bridges</c> (add, list, show, change, remove a bridge; start a sync) and <c>/api/syncs</c> (follow one, list
/// the newest): thin adapters over <see cref="BridgeUseCases"/>.
/// </summary>
internal static class BridgeEndpoints
{
    /// <summary>Syncs a list answers at most.</summary>
    public const int MaxListedSyncs = 200;

    public static void MapBridgeEndpoints(this RouteGroupBuilder api)
    {
        var bridges = api.MapGroup("/bridges").WithTags("Bridges");

        bridges.MapGet("/", async (HttpContext http, BridgeUseCases useCases, CancellationToken ct) =>
            Results.Ok((await useCases.ListAsync(Callers.Api(http), ct)).Select(listing => listing.Bridge.ToView(listing.CredentialName))))
            .WithSummary("List bridges").Produces<BridgeView[]>();

        bridges.MapGet("/{key}", async (string key, HttpContext http, BridgeUseCases useCases, CancellationToken ct) =>
        {
            var shown = await useCases.ShowAsync(Callers.Api(http), key, ct);
            return shown.Succeeded ? Results.Ok(shown.Value.ToView()) : ApiResults.From(shown.Refusal);
        }).WithSummary("Show a bridge with its newest syncs and its share").Produces<BridgeDetailsView>().Problems(404);

        bridges.MapPost("/", async (BridgeInput input, HttpContext http, BridgeUseCases useCases, CancellationToken ct) =>
        {
            var saved = await useCases.CreateAsync(Callers.Api(http), input.ToDraft(), ct);
            return saved.Succeeded
                ? Results.Created($"/api/bridges/{saved.Value.Bridge.Name}", saved.Value.Bridge.ToView(saved.Value.CredentialName))
                : ApiResults.From(saved.Refusal);
        }).WithSummary("Add a bridge; its target is reached first unless skipConnectionTest").Produces<BridgeView>(201).Problems(400, 409, 502);

        bridges.MapPut("/{key}", async (string key, BridgeInput input, HttpContext http, BridgeUseCases useCases, CancellationToken ct) =>
        {
            var saved = await useCases.UpdateAsync(Callers.Api(http), key, input.ToDraft(), ct);
            return saved.Succeeded ? Results.Ok(saved.Value.Bridge.ToView(saved.Value.CredentialName)) : ApiResults.From(saved.Refusal);
        }).WithSummary("Change a bridge; what is null stays as it is").Produces<BridgeView>().Problems(400, 404, 502);

        bridges.MapDelete("/{key}", async (string key, HttpContext http, BridgeUseCases useCases, CancellationToken ct) =>
        {
            var removed = await useCases.RemoveAsync(Callers.Api(http), key, ct);
            return removed.Succeeded ? Results.NoContent() : ApiResults.From(removed.Refusal);
        }).WithSummary("Remove a bridge; its syncs stay in the history").Produces(204).Problems(404, 409);

        bridges.MapPost("/{key}/syncs", async (string key, SyncRequest? request, HttpContext http, BridgeUseCases useCases, CancellationToken ct) =>
        {
            var started = await useCases.StartSyncAsync(Callers.Api(http), key, request?.AllowShrink ?? false, ct);
            return started.Succeeded
                ? Results.Accepted($"/api/syncs/{started.Value.Id}", started.Value.ToView(withHistory: true))
                : ApiResults.From(started.Refusal);
        }).WithSummary("Start a sync of the bridge; follow it at /api/syncs/{id}").Produces<SyncView>(202).Problems(400, 404);

        var syncs = api.MapGroup("/syncs").WithTags("Bridges");

        syncs.MapGet("/", async (int? limit, HttpContext http, BridgeUseCases useCases, CancellationToken ct) =>
            Results.Ok((await useCases.ListSyncsAsync(Callers.Api(http), Math.Clamp(limit ?? 50, 1, MaxListedSyncs), ct)).Select(s => s.ToView(withHistory: false))))
            .WithSummary("The newest syncs of every bridge").Produces<SyncView[]>();

        syncs.MapGet("/{id}", async (Guid id, HttpContext http, BridgeUseCases useCases, CancellationToken ct) =>
        {
            var sync = await useCases.GetSyncAsync(Callers.Api(http), id, ct);
            return sync.Succeeded ? Results.Ok(sync.Value.ToView(withHistory: true)) : ApiResults.From(sync.Refusal);
        }).WithSummary("Show a sync: its state, reasons, counts per table and share").Produces<SyncView>().Problems(404);
    }
}
