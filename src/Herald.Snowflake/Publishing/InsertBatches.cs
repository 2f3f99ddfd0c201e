using Herald.Snowflake.Statements;

namespace Herald.Snowflake.Publishing;

/// <summary>
/// Gathers rows into <c>INSERT ... VALUES</c> statements with bound values, each within Snowflake's 16,384-row
/// <c>VALUES</c> limit, <see cref="TablePublisherOptions.BatchRows"/>, <see cref="TablePublisherOptions.MaxBindingsPerBatch"/>
/// and <see cref="TablePublisherOptions.MaxBatchBytes"/>, and sends each batch once it is full: memory holds one
/// batch, whatever the table's size.
/// </summary>
internal sealed class InsertBatches(SnowflakeClient client, LoadTable load, TableDefinition table, TablePublisherOptions options) : ILoadRows
{
    private readonly List<string?[]> rows = [];
    private readonly List<string?> deletedKeys = [];
    private long bytes;

    public int Batches { get; private set; }

    public long RowsSent { get; private set; }

    public long KeysSent { get; private set; }

    public async Task AddAsync(string?[] row, CancellationToken cancellationToken)
    {
        rows.Add(row);
        bytes += row.Sum(value => (long)(value?.Length ?? 0) + 32);
        if (rows.Count >= RowsPerBatch(table.Columns.Count) || bytes >= options.MaxBatchBytes)
        {
            await FlushRowsAsync(cancellationToken);
        }
    }

    public async Task AddDeletedKeyAsync(string key, CancellationToken cancellationToken)
    {
        deletedKeys.Add(key);
        if (deletedKeys.Count >= RowsPerBatch(1))
        {
            await FlushKeysAsync(cancellationToken);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await FlushRowsAsync(cancellationToken);
        await FlushKeysAsync(cancellationToken);
    }

    private int RowsPerBatch(int columns) =>
        Math.Max(1, Math.Min(Math.Min(options.BatchRows, SnowflakeDefaults.MaxValuesRows), options.MaxBindingsPerBatch / columns));

    private async Task FlushRowsAsync(CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        Batches++;
        var statement = new SnowflakeStatement(load.Insert(rows.Count), $"load batch {Batches} of '{table.Name}'")
        {
            Bindings = rows.SelectMany(row => row).ToList(),
        };
        await client.ExecuteAsync(statement, cancellationToken);
        RowsSent += rows.Count;
        rows.Clear();
        bytes = 0;
    }

    private async Task FlushKeysAsync(CancellationToken cancellationToken)
    {
        if (deletedKeys.Count == 0)
        {
            return;
        }

        Batches++;
        var statement = new SnowflakeStatement(load.InsertDeletedKeys(deletedKeys.Count), $"batch {Batches} of keys removed from '{table.Name}'")
        {
            Bindings = deletedKeys.ToList(),
        };
        await client.ExecuteAsync(statement, cancellationToken);
        KeysSent += deletedKeys.Count;
        deletedKeys.Clear();
    }
}
