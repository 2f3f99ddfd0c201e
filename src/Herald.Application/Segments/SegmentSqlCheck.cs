using Herald.Core.Audiences;
using Herald.Core.Catalog;
using Herald.Core.Ports;

namespace Herald.Application.Segments;

/// <summary>
/// The check of a segment's SQL when it is saved, for every way of saving one (the API, a page, a configuration file):
/// the source runs it read-only in its sandbox for no rows, and it must return exactly one column named amperity_id.
/// </summary>
internal sealed class SegmentSqlCheck(IAudienceSource source)
{
    public async Task<IReadOnlyList<FieldProblem>> CheckAsync(string? sql, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(sql))
        {
            return [new FieldProblem("Sql", $"The segment's SQL is empty: write a SELECT that returns {SavedSegment.KeyColumn}, such as SELECT amperity_id FROM Customer_360 WHERE loyalty_tier = 'gold'.")];
        }
        if (sql.Length > SavedSegment.MaxSqlLength)
        {
            return [new FieldProblem("Sql", $"The segment's SQL is {sql.Length:N0} characters long; a segment holds at most {SavedSegment.MaxSqlLength:N0}. Shorten it.")];
        }
        try
        {
            var preview = await source.PreviewAsync(sql, 0, cancellationToken);
            return Problem(preview.Columns) is { } problem ? [new FieldProblem("Sql", problem)] : [];
        }
        catch (AudienceRejectedException rejected)
        {
            return [new FieldProblem("Sql", rejected.Message)];
        }
    }

    /// <summary>Null when the columns are exactly amperity_id, else what is wrong and what to change.</summary>
    public static string? Problem(IReadOnlyList<string> columns)
    {
        if (columns is [var only] && only == SavedSegment.KeyColumn)
        {
            return null;
        }
        var found = columns.Count == 0 ? "none" : string.Join(", ", columns.Select(c => $"'{c}'"));
        return $"The segment's SQL returns {columns.Count} column(s) ({found}); a segment returns exactly one column named {SavedSegment.KeyColumn}, " +
            $"the customer 360's key: select only it (SELECT amperity_id FROM ...), and choose the identifier to send (email, phone) on the orchestration.";
    }
}
