namespace Herald.Snowflake.Publishing;

/// <summary>
/// Walks the rows Herald was given and the table's current keys and versions together, both ordered by key, and
/// sends only what differs: new keys and changed <c>updated_at</c> as rows, vanished keys as removals. Memory holds a
/// batch, not a table.
/// </summary>
internal sealed class IncrementalChanges(TableDefinition table, ILoadRows batches)
{
    private readonly int keyIndex = table.IndexOf(table.KeyColumn);
    private readonly int updatedAtIndex = table.IndexOf(table.UpdatedAtColumn!);

    public long Unchanged { get; private set; }

    /// <summary>Rows sent whose key the table held with another <c>updated_at</c> (the rest of the rows sent are new keys).</summary>
    public long Updated { get; private set; }

    /// <param name="current">The table's (key, updated_at) pairs in key order, as Snowflake returned them.</param>
    /// <param name="rows">The new version's rows, in key order.</param>
    public async Task SendAsync(IAsyncEnumerable<string?[]> current, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        await using var existing = current.GetAsyncEnumerator(cancellationToken);
        var hasExisting = await existing.MoveNextAsync();
        string? previousKey = null;
        long rowNumber = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            rowNumber++;
            var values = RowValues.Format(row, table, rowNumber);
            var key = values[keyIndex]!;
            if (previousKey is not null && KeyOrder.Instance.Compare(previousKey, key) >= 0)
            {
                throw new SnowflakeException(SnowflakeFailureKind.Input,
                    $"Row {rowNumber:N0} of '{table.Name}' is out of order or repeats key '{Shorten(key)}': an incremental load needs the rows " +
                    $"ordered by '{table.KeyColumn}' (ORDER BY {table.KeyColumn}) with each key once. Nothing of this version was published.");
            }

            previousKey = key;
            var version = TimestampMicros.FromValue(row[updatedAtIndex]) ?? throw new SnowflakeException(SnowflakeFailureKind.Input,
                $"Row {rowNumber:N0} of '{table.Name}' has no timestamp in '{table.UpdatedAtColumn}': an incremental load compares it. Nothing of this version was published.");
            while (hasExisting && KeyOrder.Instance.Compare(existing.Current[0], key) < 0)
            {
                await batches.AddDeletedKeyAsync(existing.Current[0]!, cancellationToken);
                hasExisting = await NextExistingAsync(existing);
            }

            if (hasExisting && existing.Current[0] == key)
            {
                var same = TimestampMicros.FromJsonV2(existing.Current[1]) == version;
                hasExisting = await NextExistingAsync(existing);
                if (same)
                {
                    Unchanged++;
                    continue;
                }

                Updated++;
            }

            await batches.AddAsync(values, cancellationToken);
        }

        while (hasExisting)
        {
            await batches.AddDeletedKeyAsync(existing.Current[0]!, cancellationToken);
            hasExisting = await NextExistingAsync(existing);
        }
    }

    /// <summary>Moves to the table's next key, refusing an answer out of key order: trusting one would remove rows that
    /// are still wanted.</summary>
    private static async Task<bool> NextExistingAsync(IAsyncEnumerator<string?[]> existing)
    {
        var before = existing.Current[0];
        if (!await existing.MoveNextAsync())
        {
            return false;
        }

        if (existing.Current.Length < 2 || existing.Current[0] is null || KeyOrder.Instance.Compare(before, existing.Current[0]) >= 0)
        {
            throw new SnowflakeException(SnowflakeFailureKind.Protocol,
                "Snowflake returned the table's keys out of order or repeated; Herald stopped the incremental load before changing anything. Run a full load.");
        }

        return true;
    }

    private static string Shorten(string key) => key.Length <= 40 ? key : key[..40] + "...";
}
