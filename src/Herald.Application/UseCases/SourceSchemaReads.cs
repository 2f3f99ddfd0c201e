using Herald.Application.Access;
using Herald.Application.Pii;
using Herald.Core.Audiences;
using Herald.Core.Ports;

namespace Herald.Application.UseCases;

/// <summary>
/// The customer 360's tables and columns, to write queries with: names and types only, never a value, so reading them
/// asks for catalog:read (as the orchestrations that query them do), not pii:view.
/// </summary>
internal sealed class SourceSchemaReads(IAudienceSource source, PiiCatalog pii, PreviewGate previews)
{
    /// <summary>The tables and views a query can read, each column marked when it is personal data (PiiCatalog); refused while the previews' gate is full, since it opens a DuckDB session too.</summary>
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
            var schema = await source.DescribeAsync(cancellationToken);
            var marks = await pii.ColumnsAsync(cancellationToken);
            // A PII mark names the table without its schema (PiiColumn), as the source names it outside 'main' (crm.people).
            return schema with
            {
                Tables = [.. schema.Tables.Select(t => t with
                {
                    Columns = [.. t.Columns.Select(c => c with { Pii = marks.Any(m => m.Is(t.Name[(t.Name.IndexOf('.') + 1)..], c.Name)) })],
                })],
            };
        }
        catch (AudienceRejectedException rejected)
        {
            return Refusal.Rule(rejected.Message);
        }
    }
}
