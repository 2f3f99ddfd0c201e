using Herald.Application.UseCases;
using Herald.Core.Ports;
using Herald.InsiderOne;

namespace Herald.Server.Api;

internal static class DestinationEndpoints
{
    public static void MapDestinationEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/destinations");

        group.MapGet("/", async (ICatalogStore catalog, CancellationToken ct) =>
        {
            var credentials = (await catalog.ListCredentialsAsync(ct)).ToDictionary(c => c.Id, c => c.Name);
            var destinations = await catalog.ListDestinationsAsync(ct);
            return Results.Ok(destinations.Select(d => d.ToView(credentials.GetValueOrDefault(d.CredentialId, "(deleted)"))));
        });

        group.MapGet("/{key}", async (string key, ICatalogStore catalog, CancellationToken ct) =>
            await catalog.FindDestinationAsync(key, ct) is { } destination
                ? Results.Ok(destination.ToView((await catalog.GetCredentialAsync(destination.CredentialId, ct))?.Name ?? "(deleted)"))
                : ApiResults.NotFound("destination", key));

        group.MapPost("/", async (DestinationInput input, HttpContext http, DestinationUseCases useCases, CancellationToken ct) =>
        {
            var saved = await useCases.CreateAsync(Callers.Api(http), new DestinationDraft(input.Name, null, input.Credential,
                InsiderOneDestinationSettings.Document(input.SegmentName, input.AttributeName, input.UpdateMode, input.AllowSplit, input.ShrinkGuardShare),
                input.Description, !input.SkipConnectionTest), ct);
            return saved.Succeeded
                ? Results.Created($"/api/destinations/{saved.Value.Destination.Name}", saved.Value.Destination.ToView(saved.Value.Credential.Name))
                : ApiResults.From(saved.Refusal);
        });

        group.MapPut("/{key}", async (string key, DestinationUpdate update, HttpContext http, DestinationUseCases useCases, CancellationToken ct) =>
        {
            var saved = await useCases.UpdateAsync(Callers.Api(http), key, new DestinationChanges(null, update.Credential,
                InsiderOneDestinationSettings.Document(update.SegmentName, update.AttributeName, update.UpdateMode, update.AllowSplit, update.ShrinkGuardShare),
                update.Description,
                // Only a new credential or segment needs trying again.
                TestConnection: !update.SkipConnectionTest && (update.Credential is not null || update.SegmentName is not null)), ct);
            return saved.Succeeded ? Results.Ok(saved.Value.Destination.ToView(saved.Value.Credential.Name)) : ApiResults.From(saved.Refusal);
        });

        group.MapDelete("/{key}", async (string key, HttpContext http, DestinationUseCases useCases, CancellationToken ct) =>
        {
            var removed = await useCases.RemoveAsync(Callers.Api(http), key, ct);
            return removed.Succeeded ? Results.NoContent() : ApiResults.From(removed.Refusal);
        });
    }
}
