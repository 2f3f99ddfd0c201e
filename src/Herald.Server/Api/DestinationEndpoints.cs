using Herald.Application.UseCases;
using Herald.Core.Ports;
using Herald.InsiderOne;

namespace Herald.Server.Api;

internal static class DestinationEndpoints
{
    public static void MapDestinationEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/destinations").WithTags("Destinations");

        group.MapGet("/", async (HttpContext http, CatalogReads reads, CancellationToken ct) =>
            Results.Ok((await reads.ListDestinationsAsync(Callers.Api(http), ct)).Select(d => d.Destination.ToView(d.CredentialName ?? "(deleted)"))))
            .WithSummary("List destinations").Produces<DestinationView[]>();

        group.MapGet("/{key}", async (string key, HttpContext http, CatalogReads reads, CancellationToken ct) =>
            await reads.FindDestinationAsync(Callers.Api(http), key, ct) is var found && found.Succeeded
                ? Results.Ok(found.Value.Destination.ToView(found.Value.CredentialName ?? "(deleted)"))
                : ApiResults.From(found.Refusal))
            .WithSummary("Show a destination by name or id").Produces<DestinationView>().Problems(403, 404);

        group.MapPost("/", async (DestinationInput input, HttpContext http, DestinationUseCases useCases, CancellationToken ct) =>
        {
            var saved = await useCases.CreateAsync(Callers.Api(http), new DestinationDraft(input.Name, null, input.Credential,
                InsiderOneDestinationSettings.Document(input.SegmentName, input.AttributeName, input.UpdateMode, input.AllowSplit, input.ShrinkGuardShare),
                input.Description, !input.SkipConnectionTest, input.AdminOnly, input.PiiAllowed), ct);
            return saved.Succeeded
                ? Results.Created($"/api/destinations/{saved.Value.Destination.Name}", saved.Value.Destination.ToView(saved.Value.Credential.Name))
                : ApiResults.From(saved.Refusal);
        }).WithSummary("Add a destination; its credential's connection is tested first unless skipConnectionTest").Produces<DestinationView>(201).Problems(400, 404, 409, 502);

        group.MapPut("/{key}", async (string key, DestinationUpdate update, HttpContext http, DestinationUseCases useCases, CancellationToken ct) =>
        {
            var saved = await useCases.UpdateAsync(Callers.Api(http), key, new DestinationChanges(null, update.Credential,
                InsiderOneDestinationSettings.Document(update.SegmentName, update.AttributeName, update.UpdateMode, update.AllowSplit, update.ShrinkGuardShare),
                update.Description,
                // Only a new credential or segment needs trying again.
                TestConnection: !update.SkipConnectionTest && (update.Credential is not null || update.SegmentName is not null), update.AdminOnly, update.PiiAllowed), ct);
            return saved.Succeeded ? Results.Ok(saved.Value.Destination.ToView(saved.Value.Credential.Name)) : ApiResults.From(saved.Refusal);
        }).WithSummary("Change a destination; what is null stays as it is").Produces<DestinationView>().Problems(400, 404, 409, 502);

        group.MapDelete("/{key}", async (string key, HttpContext http, DestinationUseCases useCases, CancellationToken ct) =>
        {
            var removed = await useCases.RemoveAsync(Callers.Api(http), key, ct);
            return removed.Succeeded ? Results.NoContent() : ApiResults.From(removed.Refusal);
        }).WithSummary("Remove a destination no orchestration uses (the segment stays in Insider One)").Produces(204).Problems(404, 409);
    }
}
