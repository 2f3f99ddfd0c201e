namespace Herald.Snowflake.Publishing;

/// <summary>Where a load's rows and removed keys go on their way into the load table: bound <c>INSERT</c> batches
/// (<see cref="InsertBatches"/>) or Parquet files on a stage and <c>COPY INTO</c> (<see cref="Staging.StagedRows"/>).</summary>
internal interface ILoadRows
{
    /// <summary>Statements (or files) sent so far.</summary>
    int Batches { get; }

    long RowsSent { get; }

    long KeysSent { get; }

    Task AddAsync(string?[] row, CancellationToken cancellationToken);

    Task AddDeletedKeyAsync(string key, CancellationToken cancellationToken);

    /// <summary>Sends whatever is still held; after it, the load table holds every row and key added.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
