using Herald.Core.Pii;

namespace Herald.Core.Ports;

/// <summary>What the customer 360 itself says about personal data: the columns it marks PII, and where a query's columns come from.</summary>
public interface ISourceLineage
{
    /// <summary>
    /// The rows of the customer 360's <c>Pii_Columns</c> table (<c>table_name</c>, <c>column_name</c>); empty when it
    /// has no such table. Malformed rows are left out; at most <paramref name="maxColumns"/> are read.
    /// </summary>
    Task<IReadOnlyList<PiiColumn>> ReadMarkedColumnsAsync(int maxColumns, CancellationToken cancellationToken);

    /// <summary>
    /// Parses <paramref name="sql"/> (without running it) and says which tables and columns it reads. Throws
    /// <see cref="Audiences.AudienceRejectedException"/> when it is not one valid SELECT.
    /// </summary>
    Task<QueryLineage> TraceAsync(string sql, CancellationToken cancellationToken);
}
