using Herald.Snowflake.Statements;

namespace Herald.Snowflake.Publishing.Staging;

/// <summary>
/// A load's rows on their way through the stage: appended to one local Parquet file (every column as text, with the
/// load table's removal marker set false, so <c>MATCH_BY_COLUMN_NAME</c> fills every column), which on
/// <see cref="FlushAsync"/> is put on the stage, copied into the load table and removed from the stage. Removed keys are
/// few and go as bound <c>INSERT</c>s. Disk holds the file; memory holds one row.
/// </summary>
internal sealed class StagedRows(SnowflakeClient client, LoadTable load, TableDefinition table, TablePublisherOptions options, StageLoader stage)
    : ILoadRows, IAsyncDisposable
{
    private readonly InsertBatches keys = new(client, load, table, options);
    private Herald.Core.Ports.IStagingFile? file;
    private int files;

    public int Batches => keys.Batches + files;

    public long RowsSent { get; private set; }

    public long KeysSent => keys.KeysSent;

    public Task AddAsync(string?[] row, CancellationToken cancellationToken)
    {
        file ??= stage.Files.Create([.. table.Columns.Select(column => column.Name), LoadTable.DeletedColumn(table.Name)]);
        file.Append([.. row, "false"]);
        return Task.CompletedTask;
    }

    public Task AddDeletedKeyAsync(string key, CancellationToken cancellationToken) => keys.AddDeletedKeyAsync(key, cancellationToken);

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await keys.FlushAsync(cancellationToken);
        if (file is not { Rows: > 0 } written)
        {
            return;
        }

        files++;
        var localPath = await written.CompleteAsync(cancellationToken);
        var relativePath = $"{table.Name}/{Guid.NewGuid():N}.parquet";
        await stage.Uploader.PutAsync(localPath, relativePath, cancellationToken);
        try
        {
            await client.ExecuteAsync(new SnowflakeStatement(
                $"COPY INTO {load.Load} FROM @{stage.Location.StageName}/{relativePath} " +
                "FILE_FORMAT = (TYPE = PARQUET) MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE ON_ERROR = ABORT_STATEMENT",
                $"copying {written.Rows:N0} rows of '{table.Name}' from stage {stage.Location.StageName}"), cancellationToken);
            RowsSent += written.Rows;
        }
        finally
        {
            await RemoveQuietlyAsync(relativePath);
            await DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (file is not null)
        {
            await file.DisposeAsync();
            file = null;
        }
    }

    /// <summary>The file on the stage holds customer data and is no longer needed; a failure to remove it does not undo
    /// the load (the stage's own lifecycle rule is the backstop).</summary>
    private async Task RemoveQuietlyAsync(string relativePath)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await stage.Uploader.DeleteAsync(relativePath, timeout.Token);
        }
        catch (Exception exception) when (exception is SnowflakeException or OperationCanceledException)
        {
            // Left on the stage: see the summary.
        }
    }
}
