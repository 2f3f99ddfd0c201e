using Herald.Application.UseCases;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Microsoft.Extensions.Options;

namespace Herald.Application.Segments;

/// <summary>
/// The query a run of an orchestration sends: its own, or its saved segment's as the segment is now, joined to its
/// identifier column (<see cref="SegmentAudienceSql"/>). Built when a run starts, so a changed segment reaches every
/// orchestration sending it at its next run.
/// </summary>
internal sealed class SegmentAudiences(ICatalogStore catalog, IOptions<SegmentOptions> options)
{
    public async Task<UseCaseResult<string>> QueryOfAsync(Orchestration orchestration, string attributeName, CancellationToken cancellationToken)
    {
        if (!orchestration.SendsSegment)
        {
            return orchestration.Query;
        }
        if (await catalog.FindSegmentAsync(orchestration.Segment!, cancellationToken) is not { } segment)
        {
            return Refusal.Rule($"The orchestration '{orchestration.Name}' sends the saved segment '{orchestration.Segment}', which no longer exists: " +
                "choose another segment for it, or give it a query of its own.") with { Subject = "orchestration", Key = orchestration.Name };
        }
        return QueryOf(segment.Sql, orchestration.IdentifierColumn ?? "", attributeName);
    }

    /// <summary>The audience query of <paramref name="segmentSql"/> sending <paramref name="identifierColumn"/> as <paramref name="attributeName"/>.</summary>
    public string QueryOf(string segmentSql, string identifierColumn, string attributeName) =>
        SegmentAudienceSql.Build(segmentSql, options.Value.IdentityTable, identifierColumn, attributeName);
}
