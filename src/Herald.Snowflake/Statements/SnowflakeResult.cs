using System.Runtime.CompilerServices;

namespace Herald.Snowflake.Statements;

/// <summary>
/// A finished statement: its handle, columns, counts, and its rows, read partition by partition as they are
/// enumerated (so a large result never sits in memory whole). Every value is a string in Snowflake's <c>jsonv2</c>
/// form, or null.
/// </summary>
public sealed class SnowflakeResult
{
    private readonly ResultAnswer answer;
    private readonly Func<int, CancellationToken, Task<IReadOnlyList<string?[]>>> fetchPartition;

    internal SnowflakeResult(ResultAnswer answer, Func<int, CancellationToken, Task<IReadOnlyList<string?[]>>> fetchPartition)
    {
        this.answer = answer;
        this.fetchPartition = fetchPartition;
    }

    /// <summary>Snowflake's handle of the statement, for its query history.</summary>
    public string StatementHandle => answer.Handle;

    /// <summary>The result's columns in order (<c>rowType</c>).</summary>
    public IReadOnlyList<SnowflakeColumn> Columns => answer.Columns;

    /// <summary>Rows in the whole result (all partitions).</summary>
    public long RowCount => answer.RowCount;

    /// <summary>For a multi-statement request, each statement's handle in order.</summary>
    public IReadOnlyList<string> StatementHandles => answer.StatementHandles;

    /// <summary>Rows a DML statement inserted (Snowflake's <c>stats</c>); 0 for other statements.</summary>
    public long RowsInserted => answer.RowsInserted;

    /// <summary>Rows a DML statement updated; 0 for other statements.</summary>
    public long RowsUpdated => answer.RowsUpdated;

    /// <summary>Rows a DML statement deleted; 0 for other statements.</summary>
    public long RowsDeleted => answer.RowsDeleted;

    /// <summary>The rows of every partition in order; further partitions are fetched as the enumeration reaches them.</summary>
    public async IAsyncEnumerable<string?[]> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var row in answer.FirstRows)
        {
            yield return row;
        }

        for (var partition = 1; partition < answer.PartitionCount; partition++)
        {
            foreach (var row in await fetchPartition(partition, cancellationToken))
            {
                yield return row;
            }
        }
    }
}
