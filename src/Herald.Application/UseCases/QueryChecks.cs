using Herald.Core.Audiences;
using Herald.Core.Catalog;
using Herald.Core.Ports;

namespace Herald.Application.UseCases;

/// <summary>
/// The check of an orchestration's query when it is saved, for every way of saving one (a form, the API, a
/// configuration file): the source runs it read-only for no rows, and its one column must be the destination's attribute.
/// </summary>
internal sealed class QueryChecks(IAudienceSource source)
{
    public async Task<IReadOnlyList<FieldProblem>> CheckAsync(string? query, string attributeName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return [new FieldProblem("Query", "The query is empty: give a SELECT that returns one column of values.")];
        }
        try
        {
            var preview = await source.PreviewAsync(query, 0, cancellationToken);
            return AudienceColumnCheck.Problem(preview.Columns, attributeName) is { } problem ? [new FieldProblem("Query", problem)] : [];
        }
        catch (AudienceRejectedException rejected)
        {
            return [new FieldProblem("Query", rejected.Message)];
        }
    }
}
