using Herald.Application.Access;
using Herald.Application.UseCases;
using Herald.Core.Pii;

namespace Herald.Application.Pii;

/// <summary>The PII columns, for the query editor's marks and <c>GET /api/pii-columns</c>: names only, never values (catalog:read).</summary>
internal sealed class PiiReads(PiiCatalog pii)
{
    public async Task<UseCaseResult<IReadOnlyList<PiiColumn>>> ColumnsAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.CatalogRead) is { } denied)
        {
            return denied;
        }
        return UseCaseResult<IReadOnlyList<PiiColumn>>.Of(await pii.ColumnsAsync(cancellationToken));
    }
}
