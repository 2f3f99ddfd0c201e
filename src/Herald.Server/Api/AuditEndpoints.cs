using Herald.Application.Access;
using Herald.Core.Access;

namespace Herald.Server.Api;

/// <summary><c>GET /api/audit</c>: the audit log, newest first, as JSON or (<c>format=csv</c>) CSV; audit:read.</summary>
internal static class AuditEndpoints
{
    public static void MapAuditEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/audit", async (DateTimeOffset? since, string? actor, string? action, string? outcome, int? limit, string? format,
            HttpContext http, AuditReads reads, CancellationToken ct) =>
        {
            if (limit is < 1 or > AuditReads.MaxLimit)
            {
                return ApiResults.Problem(StatusCodes.Status400BadRequest, $"The limit must be between 1 and {AuditReads.MaxLimit}; it was {limit}.");
            }
            var listed = await reads.ListAsync(Callers.Api(http), new AuditQuery(since, actor, action, outcome, limit ?? 100), ct);
            return listed.Succeeded ? AuditExport.File(listed.Value, format) : ApiResults.From(listed.Refusal);
        }).WithTags("Audit").WithSummary("The audit log, newest first; format=csv for a spreadsheet (audit:read)").Produces<AuditEntry[]>().Problems(400);
}
