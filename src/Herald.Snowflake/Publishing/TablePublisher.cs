using System.Globalization;
using Herald.Snowflake.Statements;

namespace Herald.Snowflake.Publishing;

/// <summary>
/// Publishes a table to Snowflake (snowflake.md, "Loading and sharing"): creates it once (never
/// <c>CREATE OR REPLACE</c>, which could drop its grants to a share), loads the new version into a load table in
/// batched <c>INSERT</c>s with bound values, then swaps it in with one multi-statement transaction, so a failure at
/// any point before <c>COMMIT</c> leaves the previous version in place and readable. An incremental load sends only
/// new rows, rows whose <c>updated_at</c> changed and the keys of removed rows.
/// </summary>
public sealed class TablePublisher
{
    private readonly SnowflakeClient client;
    private readonly SnowflakeConnection connection;
    private readonly TablePublisherOptions options;
    private readonly Staging.StageLoader? stage;

    /// <param name="stage">Load through this stage (Parquet files and <c>COPY INTO</c>) instead of bound <c>INSERT</c>s; null for INSERTs.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names the setting.</exception>
    public TablePublisher(SnowflakeClient client, SnowflakeConnection connection, TablePublisherOptions options, Staging.StageLoader? stage = null)
    {
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true))
        {
            throw new ArgumentException($"{TablePublisherOptions.Section}: " + string.Join(" ", results.Select(result => result.ErrorMessage)), nameof(options));
        }

        this.client = client;
        this.connection = connection;
        this.options = options;
        this.stage = stage;
    }

    /// <summary>How this publisher loads rows: through a stage or by bound INSERTs.</summary>
    public bool LoadsThroughStage => stage is not null;

    /// <summary>Replaces the table's contents with <paramref name="rows"/> (values in column order).</summary>
    /// <param name="allowShrink">Publish even when the new version removes more than <see cref="TablePublisherOptions.ShrinkGuardShare"/> of the rows.</param>
    /// <exception cref="SnowflakeException">The load failed or the shrink guard stopped it; the previous version is still in place. The message says why.</exception>
    public Task<TablePublication> PublishFullAsync(TableDefinition table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken, bool allowShrink = false) =>
        PublishAsync(table, LoadMode.Full, allowShrink, async (load, batches) =>
        {
            long rowNumber = 0;
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                await batches.AddAsync(RowValues.Format(row, table, ++rowNumber), cancellationToken);
            }

            return (0L, 0L);
        }, cancellationToken);

    /// <summary>Brings the table to <paramref name="rowsOrderedByKey"/> by sending only what changed. The rows must
    /// arrive ordered by the key column, each key once, with a timestamp in the <c>updated_at</c> column.</summary>
    /// <param name="allowShrink">Publish even when more than <see cref="TablePublisherOptions.ShrinkGuardShare"/> of the rows are removed.</param>
    /// <exception cref="SnowflakeException">The load failed or the shrink guard stopped it; the previous version is still in place. The message says why.</exception>
    public Task<TablePublication> PublishIncrementalAsync(
        TableDefinition table, IAsyncEnumerable<object?[]> rowsOrderedByKey, CancellationToken cancellationToken, bool allowShrink = false)
    {
        if (table.UpdatedAtColumn is null)
        {
            throw new SnowflakeException(SnowflakeFailureKind.Input, $"Table '{table.Name}' has no updated_at column, so it can only be loaded in full.");
        }

        return PublishAsync(table, LoadMode.Incremental, allowShrink, async (load, batches) =>
        {
            var current = await client.ExecuteAsync(new SnowflakeStatement(load.ReadVersions(), $"reading the keys and versions of '{table.Name}'"), cancellationToken);
            var changes = new IncrementalChanges(table, batches);
            await changes.SendAsync(current.ReadRowsAsync(cancellationToken), rowsOrderedByKey, cancellationToken);
            return (changes.Unchanged, changes.Updated);
        }, cancellationToken);
    }

    /// <summary>Creates the share if needed, grants it usage of the database and schema and SELECT on the tables, and
    /// gives it to the consumer account; re-running changes nothing. Needs ACCOUNTADMIN or the share privileges.</summary>
    /// <param name="shareName">An unquoted identifier, such as HERALD_INSIDER.</param>
    /// <param name="consumerAccount">Insider One's account as <c>ORG.ACCOUNT</c>, or null to share with no one yet.</param>
    /// <exception cref="SnowflakeException">A name is invalid, or Snowflake refused; the message says which and why.</exception>
    public async Task<ShareState> ShareAsync(string shareName, IReadOnlyList<TableDefinition> tables, string? consumerAccount, CancellationToken cancellationToken)
    {
        var request = new ShareRequest(shareName, tables, consumerAccount, connection);
        await client.ExecuteAsync(new SnowflakeStatement(request.Sql(), $"setting up share {shareName}") { StatementCount = request.StatementCount }, cancellationToken);
        var grants = await client.ExecuteAsync(new SnowflakeStatement($"SHOW GRANTS TO SHARE {shareName}", $"reading the grants of share {shareName}"), cancellationToken);
        var grantList = new List<string>();
        var columns = grants.Columns.Select(column => column.Name).ToList();
        await foreach (var row in grants.ReadRowsAsync(cancellationToken))
        {
            grantList.Add($"{Cell(row, columns, "privilege")} on {Cell(row, columns, "granted_on")} {Cell(row, columns, "name")}");
        }

        var shares = await client.ExecuteAsync(new SnowflakeStatement($"SHOW SHARES LIKE '{shareName}'", $"reading share {shareName}"), cancellationToken);
        var shareColumns = shares.Columns.Select(column => column.Name).ToList();
        var accounts = new List<string>();
        await foreach (var row in shares.ReadRowsAsync(cancellationToken))
        {
            // LIKE treats '_' as any character: only the share of exactly this name counts.
            if (!Cell(row, shareColumns, "name").Equals(shareName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            accounts.AddRange(Cell(row, shareColumns, "to").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        return new ShareState(shareName, accounts, grantList);
    }

    private async Task<TablePublication> PublishAsync(
        TableDefinition table, LoadMode mode, bool allowShrink, Func<LoadTable, ILoadRows, Task<(long Unchanged, long Updated)>> fill, CancellationToken cancellationToken)
    {
        table.ThrowIfInvalid();
        var load = new LoadTable(table, connection);
        ILoadRows batches = stage is null ? new InsertBatches(client, load, table, options) : new Staging.StagedRows(client, load, table, options, stage);
        await using var staged = batches as Staging.StagedRows;
        await client.ExecuteAsync(new SnowflakeStatement(load.CreateTarget(), $"creating table '{table.Name}' if it is missing"), cancellationToken);
        await client.ExecuteAsync(new SnowflakeStatement(load.CreateLoad(), $"creating the load table of '{table.Name}'"), cancellationToken);
        (long Unchanged, long Updated) kept;
        var swapping = false;
        try
        {
            kept = await fill(load, batches);
            await batches.FlushAsync(cancellationToken);
            if (!allowShrink)
            {
                await GuardShrinkAsync(table, load, mode == LoadMode.Full ? batches.RowsSent : null, batches.KeysSent, cancellationToken);
            }

            var swap = mode == LoadMode.Full ? load.SwapFull() : load.SwapIncremental();
            swapping = true;
            await client.ExecuteAsync(new SnowflakeStatement(swap, $"swapping in the new version of '{table.Name}'") { StatementCount = LoadTable.SwapStatements }, cancellationToken);
        }
        catch (SnowflakeException failure) when (swapping && failure.Kind is SnowflakeFailureKind.Transient or SnowflakeFailureKind.Timeout or SnowflakeFailureKind.Protocol)
        {
            // No answer to the swap: it may have committed or not. Either way the table holds one whole version.
            throw new SnowflakeException(failure.Kind,
                $"Herald could not learn whether the new version of '{table.Name}' was swapped in: the table holds either the previous version " +
                $"or the new one, whole (the swap is one transaction). Run the load again to be sure. {failure.Message}",
                failure.HttpStatus, failure.Code, failure.SqlState, failure.StatementHandle);
        }
        catch (SnowflakeException failure)
        {
            await DropLoadQuietlyAsync(load);
            throw new SnowflakeException(failure.Kind,
                $"The new version of '{table.Name}' was not published; the previous version is still in place and readable. {failure.Message}",
                failure.HttpStatus, failure.Code, failure.SqlState, failure.StatementHandle);
        }

        await client.ExecuteAsync(new SnowflakeStatement(load.DropLoad(), $"dropping the load table of '{table.Name}'"), cancellationToken);
        var rowsInTable = await CountRowsAsync(table, load, cancellationToken);
        return new TablePublication(table.Name, mode, batches.RowsSent, kept.Unchanged, batches.KeysSent, batches.Batches, rowsInTable, kept.Updated);
    }

    /// <summary>Stops a load that would remove more than <see cref="TablePublisherOptions.ShrinkGuardShare"/> of the table's rows.</summary>
    /// <param name="newRows">For a full load, the rows of the new version; null for an incremental one.</param>
    /// <param name="keysRemoved">For an incremental load, the keys it removes.</param>
    private async Task GuardShrinkAsync(TableDefinition table, LoadTable load, long? newRows, long keysRemoved, CancellationToken cancellationToken)
    {
        var current = await CountRowsAsync(table, load, cancellationToken);
        var removed = newRows is { } rows ? Math.Max(0, current - rows) : keysRemoved;
        if (current == 0 || (double)removed / current <= options.ShrinkGuardShare)
        {
            return;
        }

        throw new SnowflakeException(SnowflakeFailureKind.ShrinkGuard,
            $"It would remove {removed:N0} of the table's {current:N0} rows ({(double)removed / current:P0}), more than {TablePublisherOptions.Section}:ShrinkGuardShare " +
            $"({options.ShrinkGuardShare:P0}). If the smaller table is right (check the table's SQL first), publish again allowing it to shrink.");
    }

    private async Task<long> CountRowsAsync(TableDefinition table, LoadTable load, CancellationToken cancellationToken)
    {
        var count = await client.ExecuteAsync(new SnowflakeStatement(load.CountRows(), $"counting the rows of '{table.Name}'"), cancellationToken);
        long rows = 0;
        await foreach (var row in count.ReadRowsAsync(cancellationToken))
        {
            rows = long.TryParse(row[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        }

        return rows;
    }

    /// <summary>Removes the half-filled load table; if that fails too, the next load replaces it.</summary>
    private async Task DropLoadQuietlyAsync(LoadTable load)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await client.ExecuteAsync(new SnowflakeStatement(load.DropLoad(), "dropping a half-filled load table"), timeout.Token);
        }
        catch (Exception exception) when (exception is SnowflakeException or OperationCanceledException)
        {
            // Leaving it changes nothing a reader sees: only Herald reads the load table.
        }
    }

    private static string Cell(string?[] row, List<string> columns, string name)
    {
        var index = columns.FindIndex(column => column.Equals(name, StringComparison.OrdinalIgnoreCase));
        return index >= 0 && index < row.Length ? AnswerFields.Shown(row[index]) : "";
    }
}
