namespace Herald.Core.Bridges;

/// <summary>What a sync did to one table, in counts that reconcile.</summary>
/// <param name="Table">The table's name.</param>
/// <param name="RowsBuilt">Rows the table's SQL returned in the customer 360.</param>
/// <param name="Inserted">Rows whose key was new to the target.</param>
/// <param name="Updated">Rows whose key was there with another <c>updated_at</c>, replaced.</param>
/// <param name="Deleted">Keys the target held that the new version no longer has, removed.</param>
/// <param name="Unchanged">Rows not sent because their <c>updated_at</c> had not changed.</param>
/// <param name="RowsInTable">Rows in the target's table after the sync.</param>
/// <param name="Rewritten">True when the target rewrites the whole table each time (a folder): then every row counts as inserted.</param>
public sealed record BridgeTableCounts(
    string Table, long RowsBuilt, long Inserted, long Updated, long Deleted, long Unchanged, long RowsInTable, bool Rewritten = false);
