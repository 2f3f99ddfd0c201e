using Herald.Application.Pii;
using Herald.Core.Pii;

namespace Herald.Server.Api;

/// <summary><c>GET /api/pii-columns</c>: the columns of the customer 360 that hold personal data (names only); catalog:read.</summary>
internal static class PiiEndpoints
{
    public static void MapPiiEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/pii-columns", async (HttpContext http, PiiReads reads, CancellationToken ct) =>
        {
            var columns = await reads.ColumnsAsync(Callers.Api(http), ct);
            return columns.Succeeded ? Results.Ok(columns.Value) : ApiResults.From(columns.Refusal);
        }).WithTags("Queries").WithSummary("The PII columns: the customer 360's Pii_Columns table and Herald:Source:PiiColumns (catalog:read)")
            .Produces<PiiColumn[]>();
}
