using Herald.Application.Segments;
using Herald.Application.UseCases;

namespace Herald.Server.Api;

internal static class SegmentEndpoints
{
    public static void MapSegmentEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/segments").WithTags("Segments");

        group.MapGet("/", async (HttpContext http, SegmentUseCases useCases, CancellationToken ct) =>
        {
            var all = await useCases.ListAsync(Callers.Api(http), ct);
            return all.Succeeded ? Results.Ok(all.Value.Select(ToView)) : ApiResults.From(all.Refusal);
        })
            .WithSummary("List saved segments with the orchestrations sending them").Produces<SegmentView[]>();

        group.MapGet("/{key}", async (string key, HttpContext http, SegmentUseCases useCases, CancellationToken ct) =>
            await useCases.FindAsync(Callers.Api(http), key, ct) is var found && found.Succeeded ? Results.Ok(ToView(found.Value)) : ApiResults.From(found.Refusal))
            .WithSummary("Show a saved segment by name or id").Produces<SegmentView>().Problems(404);

        group.MapPost("/", async (SegmentInput input, HttpContext http, SegmentUseCases useCases, CancellationToken ct) =>
        {
            var added = await useCases.CreateAsync(Callers.Api(http), new SegmentDraft(input.Name, input.Sql, input.Description), ct);
            return added.Succeeded
                ? Results.Created($"/api/segments/{added.Value.Name}", ToView(new SegmentListing(added.Value, [])))
                : ApiResults.From(added.Refusal);
        }).WithSummary("Add a saved segment: SQL returning amperity_id, checked against the customer 360").Produces<SegmentView>(201).Problems(400, 409);

        group.MapPut("/{key}", async (string key, SegmentUpdate update, HttpContext http, SegmentUseCases useCases, CancellationToken ct) =>
        {
            var caller = Callers.Api(http);
            var changed = await useCases.UpdateAsync(caller, key, new SegmentChanges(update.Sql, update.Description), ct);
            return changed.Succeeded && (await useCases.FindAsync(caller, changed.Value.Id.ToString(), ct)) is { Succeeded: true } found
                ? Results.Ok(ToView(found.Value))
                : ApiResults.From(changed.Refusal ?? Refusal.NotFound("segment", key));
        }).WithSummary("Change a saved segment; every orchestration sending it sends the new SQL from its next run").Produces<SegmentView>().Problems(400, 404);

        group.MapDelete("/{key}", async (string key, HttpContext http, SegmentUseCases useCases, CancellationToken ct) =>
        {
            var removed = await useCases.RemoveAsync(Callers.Api(http), key, ct);
            return removed.Succeeded ? Results.NoContent() : ApiResults.From(removed.Refusal);
        }).WithSummary("Remove a saved segment; refused while an orchestration sends it").Produces(204).Problems(404, 409);

        group.MapPost("/{key}/preview", async (string key, SegmentPreviewRequest? request, HttpContext http, SegmentUseCases useCases, CancellationToken ct) =>
            ToResult(await useCases.PreviewAsync(Callers.Api(http), key, null, request?.Destination, request?.MaxRows ?? 10, ct)))
            .WithSummary("Preview a saved segment: its size and, per identifier column, how many members have a usable value").Produces<SegmentPreviewView>().Problems(400, 404, 429);

        group.MapPost("/preview", async (SegmentPreviewRequest request, HttpContext http, SegmentUseCases useCases, CancellationToken ct) =>
            ToResult(await useCases.PreviewAsync(Callers.Api(http), null, request.Sql, request.Destination, request.MaxRows, ct)))
            .WithSummary("Preview segment SQL not yet saved: its size and, per identifier column, how many members have a usable value")
            .Produces<SegmentPreviewView>().Problems(400, 404, 429);
    }

    private static IResult ToResult(UseCaseResult<SegmentPreview> preview) =>
        preview.Succeeded ? Results.Ok(ToView(preview.Value)) : ApiResults.From(preview.Refusal);

    private static SegmentView ToView(SegmentListing listing) =>
        new(listing.Segment.Id, listing.Segment.Name, listing.Segment.Sql, listing.Segment.Description, listing.UsedBy, listing.Segment.CreatedAt, listing.Segment.UpdatedAt);

    private static SegmentPreviewView ToView(SegmentPreview preview) =>
        new(preview.Size, preview.RowsReturned,
            [.. preview.Identifiers.Select(i => new IdentifierCountView(i.Column, i.Type, i.Pii, i.MembersFound, i.UsableValues, i.EmptyValues, i.SetAside))],
            preview.IdentifiersShortened, preview.WithDestinationRules, preview.Columns, preview.Rows, preview.Redacted, preview.Summary);
}
