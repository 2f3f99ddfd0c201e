namespace Herald.Snowflake.Publishing;

/// <summary>What a load did, in counts that reconcile: <see cref="RowsSent"/> + <see cref="RowsUnchanged"/> is the rows
/// Herald was given; <see cref="RowsInTable"/> is the table's count after the swap.</summary>
/// <param name="Table">The table's name.</param>
/// <param name="Mode">Full or incremental.</param>
/// <param name="RowsSent">Rows sent to Snowflake (new and changed ones for an incremental load).</param>
/// <param name="RowsUnchanged">Rows not sent because their <c>updated_at</c> had not changed.</param>
/// <param name="KeysRemoved">Keys in the table that were no longer in the rows given, removed.</param>
/// <param name="Batches">INSERT statements sent.</param>
/// <param name="RowsInTable">Rows in the table after the load.</param>
/// <param name="RowsUpdated">Of <paramref name="RowsSent"/>, the rows that replaced a row with the same key (incremental loads; 0 for a full one).</param>
public sealed record TablePublication(string Table, LoadMode Mode, long RowsSent, long RowsUnchanged, long KeysRemoved, int Batches, long RowsInTable, long RowsUpdated = 0);
