using Herald.Application.UseCases;

namespace Herald.Server.Api;

internal static class OrchestrationEndpoints
{
    public static void MapOrchestrationEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/orchestrations").WithTags("Orchestrations");

        group.MapGet("/", async (HttpContext http, CatalogReads reads, CancellationToken ct) =>
            Results.Ok((await reads.ListOrchestrationsAsync(Callers.Api(http), ct)).Select(ToView)))
            .WithSummary("List orchestrations with their last run").Produces<OrchestrationView[]>();

        group.MapGet("/{key}", async (string key, HttpContext http, CatalogReads reads, CancellationToken ct) =>
            await ViewAsync(reads, Callers.Api(http), key, ct))
            .WithSummary("Show an orchestration by name or id").Produces<OrchestrationView>().Problems(404);

        group.MapPost("/", async (OrchestrationInput input, HttpContext http, OrchestrationUseCases useCases, CatalogReads reads, CancellationToken ct) =>
        {
            var caller = Callers.Api(http);
            var added = await useCases.CreateAsync(caller, new OrchestrationDraft(input.Name, input.Destination, input.Query, input.AllowEmpty, input.Description,
                input.Segment, input.IdentifierColumn), ct);
            return added.Succeeded
                ? Results.Created($"/api/orchestrations/{added.Value.Name}",
                    (await reads.FindOrchestrationAsync(caller, added.Value.Id.ToString(), ct)).Value is { } saved ? ToView(saved) : null)
                : ApiResults.From(added.Refusal);
        }).WithSummary("Add an orchestration: a query, or a saved segment through an identifier column, to a destination").Produces<OrchestrationView>(201).Problems(400, 404, 409);

        group.MapPut("/{key}", async (string key, OrchestrationUpdate update, HttpContext http, OrchestrationUseCases useCases, CatalogReads reads,
            CancellationToken ct) =>
        {
            var caller = Callers.Api(http);
            var changed = await useCases.UpdateAsync(caller, key, new OrchestrationChanges(update.Destination, update.Query, update.AllowEmpty, update.Description,
                update.Segment, update.IdentifierColumn), ct);
            return changed.Succeeded ? await ViewAsync(reads, caller, changed.Value.Id.ToString(), ct) : ApiResults.From(changed.Refusal);
        }).WithSummary("Change an orchestration; what is null stays as it is").Produces<OrchestrationView>().Problems(400, 404, 409);

        group.MapDelete("/{key}", async (string key, HttpContext http, OrchestrationUseCases useCases, CancellationToken ct) =>
        {
            var removed = await useCases.RemoveAsync(Callers.Api(http), key, ct);
            return removed.Succeeded ? Results.NoContent() : ApiResults.From(removed.Refusal);
        }).WithSummary("Remove an orchestration and its schedule (its runs stay in the history); refused while others run after it").Produces(204).Problems(404, 409);

        group.MapPost("/{key}/runs", async (string key, RunRequest? request, HttpContext http, RunUseCases useCases, CancellationToken ct) =>
            ApiResults.Started(await useCases.StartOrchestrationAsync(Callers.Api(http), key, request?.AllowEmpty, request?.Force ?? false, ct)))
            .WithSummary("Start a run of the orchestration; follow it at the Location").Produces<RunView>(202).Problems(404, 409, 429);

        group.MapPost("/{key}/test-sends", async (string key, TestSendRequest request, HttpContext http, RunUseCases useCases, CancellationToken ct) =>
            ApiResults.Started(await useCases.TestSendAsync(Callers.Api(http), key, request.SegmentName, request.SampleSize, ct)))
            .WithSummary("Start a test send of the orchestration: sampleSize values (after the value rules) to a segment of its own; listed with its runs")
            .Produces<RunView>(202).Problems(400, 404, 409, 429);
    }

    private static async Task<IResult> ViewAsync(CatalogReads reads, Caller caller, string key, CancellationToken ct) =>
        await reads.FindOrchestrationAsync(caller, key, ct) is var found && found.Succeeded ? Results.Ok(ToView(found.Value)) : ApiResults.From(found.Refusal);

    private static OrchestrationView ToView(OrchestrationListing listing) =>
        listing.Orchestration.ToView(listing.DestinationName ?? "(deleted)", listing.LastRun?.ToSummary());
}
