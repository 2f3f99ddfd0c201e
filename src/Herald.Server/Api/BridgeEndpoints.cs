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
        var bridges = api.MapGroup("/bridges");

        bridges.MapGet("/", async (HttpContext http, BridgeUseCases useCases, CancellationToken ct) =>
            Results.Ok((await useCases.ListAsync(Callers.Api(http), ct)).Select(listing => listing.Bridge.ToView(listing.CredentialName))));

        bridges.MapGet("/{key}", async (string key, HttpContext http, BridgeUseCases useCases, CancellationToken ct) =>
        {
            var shown = await useCases.ShowAsync(Callers.Api(http), key, ct);
            return shown.Succeeded ? Results.Ok(shown.Value.ToView()) : ApiResults.From(shown.Refusal);
        });

        bridges.MapPost("/", async (BridgeInput input, HttpContext http, BridgeUseCases useCases, CancellationToken ct) =>
        {
            var saved = await useCases.CreateAsync(Callers.Api(http), input.ToDraft(), ct);
            return saved.Succeeded
                ? Results.Created($"/api/bridges/{saved.Value.Bridge.Name}", saved.Value.Bridge.ToView(saved.Value.CredentialName))
                : ApiResults.From(saved.Refusal);
        });

        bridges.MapPut("/{key}", async (string key, BridgeInput input, HttpContext http, BridgeUseCases useCases, CancellationToken ct) =>
        {
            var saved = await useCases.UpdateAsync(Callers.Api(http), key, input.ToDraft(), ct);
            return saved.Succeeded ? Results.Ok(saved.Value.Bridge.ToView(saved.Value.CredentialName)) : ApiResults.From(saved.Refusal);
        });

        bridges.MapDelete("/{key}", async (string key, HttpContext http, BridgeUseCases useCases, CancellationToken ct) =>
        {
            var removed = await useCases.RemoveAsync(Callers.Api(http), key, ct);
            return removed.Succeeded ? Results.NoContent() : ApiResults.From(removed.Refusal);
        });

        bridges.MapPost("/{key}/syncs", async (string key, SyncRequest? request, HttpContext http, BridgeUseCases useCases, CancellationToken ct) =>
        {
            var started = await useCases.StartSyncAsync(Callers.Api(http), key, request?.AllowShrink ?? false, ct);
            return started.Succeeded
                ? Results.Accepted($"/api/syncs/{started.Value.Id}", started.Value.ToView(withHistory: true))
                : ApiResults.From(started.Refusal);
        });

        var syncs = api.MapGroup("/syncs");

        syncs.MapGet("/", async (int? limit, HttpContext http, BridgeUseCases useCases, CancellationToken ct) =>
            Results.Ok((await useCases.ListSyncsAsync(Callers.Api(http), Math.Clamp(limit ?? 50, 1, MaxListedSyncs), ct)).Select(s => s.ToView(withHistory: false))));

        syncs.MapGet("/{id:guid}", async (Guid id, HttpContext http, BridgeUseCases useCases, CancellationToken ct) =>
        {
            var sync = await useCases.GetSyncAsync(Callers.Api(http), id, ct);
            return sync.Succeeded ? Results.Ok(sync.Value.ToView(withHistory: true)) : ApiResults.From(sync.Refusal);
        });
    }
}
