namespace Herald.Core.Bridges;

/// <summary>A table as built in the customer 360: its columns with the types the target holds them as, its key and
/// <c>updated_at</c> columns as the SQL spells them, its row count, and every problem found.</summary>
public sealed record InsiderTableShape(
    string Name,
    IReadOnlyList<InsiderTableShapeColumn> Columns,
    string KeyColumn,
    string UpdatedAtColumn,
    long Rows,
    IReadOnlyList<string> Problems);
