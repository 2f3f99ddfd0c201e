namespace Herald.Core.Pii;

/// <summary>
/// Where a query's values come from, as the customer 360 engine's own parser sees the query (never by running it).
/// </summary>
/// <param name="TablesRead">Every table, view or common table expression the query names, anywhere (subqueries included), without catalog or schema.</param>
/// <param name="ColumnsReferenced">Every column the query names anywhere (select list, filters, joins, subqueries), without its table qualifier.</param>
/// <param name="ReadsEveryColumn">The query has a <c>*</c> or <c>COLUMNS(...)</c> somewhere, so it may read columns it does not name.</param>
/// <param name="ResultColumnSources">
/// For a plain query (one SELECT over tables and joins: no common table expression, subquery, set operation, table
/// function or <c>*</c>), the columns each result column's expression names, in result order; null when the query is not
/// plain, and a result column cannot be traced to its columns.
/// </param>
public sealed record QueryLineage(
    IReadOnlyList<string> TablesRead,
    IReadOnlyList<string> ColumnsReferenced,
    bool ReadsEveryColumn,
    IReadOnlyList<IReadOnlyList<string>>? ResultColumnSources);
