using Herald.Application.UseCases;
using Herald.Core.Audiences;

namespace Herald.Server.Api;

/// <summary>The customer 360 as a query sees it: GET /api/source/schema.</summary>
internal static class SourceEndpoints
{
    public static void MapSourceEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/source/schema", async (HttpContext http, SourceSchemaReads reads, CancellationToken ct) =>
            await reads.DescribeAsync(Callers.Api(http), ct) is var schema && schema.Succeeded ? Results.Ok(schema.Value) : ApiResults.From(schema.Refusal))
            .WithTags("Queries")
            .WithSummary("The customer 360's tables and views with their columns' names and DuckDB types, to write queries with")
            .Produces<SourceSchema>().Problems(400, 429);
}
