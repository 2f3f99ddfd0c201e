using Herald.Application.Access;
using Herald.Core.Audiences;
using Herald.Core.Ports;

namespace Herald.Application.UseCases;

/// <summary>
/// The customer 360's tables and columns, to write queries with: names and types only, never a value, so reading them
/// asks for catalog:read (as the orchestrations that query them do), not pii:view.
/// </summary>
internal sealed class SourceSchemaReads(IAudienceSource source, PreviewGate previews)
{
    /// <summary>The tables and views a query can read; refused while the previews' gate is full, since it opens a DuckDB session too.</summary>
    public async Task<UseCaseResult<SourceSchema>> DescribeAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.CatalogRead) is { } denied)
        {
            return denied;
        }
        using var lease = previews.TryEnter();
        if (!lease.IsAcquired)
        {
            return new Refusal(RefusalKind.Busy, previews.Refusal, []);
        }
        try
        {
            return await source.DescribeAsync(cancellationToken);
        }
        catch (AudienceRejectedException rejected)
        {
            return Refusal.Rule(rejected.Message);
        }
    }
}
