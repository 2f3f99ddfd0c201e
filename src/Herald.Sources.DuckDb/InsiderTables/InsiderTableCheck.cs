namespace Herald.Sources.DuckDb.InsiderTables;

/// <summary>
/// What a template gives before a sync: its columns, its first rows (at most 100, cells cut like a query preview),
/// the row count, the share of rows holding each identifier (0 to 1), and every problem that stops a sync, each
/// saying what to change. A template with problems is never synced.
/// </summary>
public sealed record InsiderTableCheck(
    string Table,
    IReadOnlyList<InsiderTableColumn> Columns,
    IReadOnlyList<IReadOnlyList<string?>> FirstRows,
    long RowCount,
    IReadOnlyDictionary<string, double> IdentifierShares,
    IReadOnlyList<string> Problems)
{
    /// <summary>True when nothing stops a sync.</summary>
    public bool CanSync => Problems.Count == 0;
}
