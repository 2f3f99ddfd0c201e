namespace Herald.Core.Audiences;

/// <summary>A table or view of the customer 360 that a query can read, with its columns in their declared order.</summary>
/// <param name="Name">The name a query uses: the table's own name, or <c>schema.table</c> outside the default schema.</param>
/// <param name="IsView">Whether it is a view (over the customer 360's tables or files) rather than a stored table.</param>
public sealed record SourceTable(string Name, bool IsView, IReadOnlyList<SourceColumn> Columns);
