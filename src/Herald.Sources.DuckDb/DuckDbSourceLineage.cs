using Herald.Core.Pii;
using Herald.Core.Ports;

namespace Herald.Sources.DuckDb;

/// <summary>
/// The customer 360's own word on personal data: its <c>Pii_Columns</c> table, and the lineage of a query read from
/// DuckDB's parser. Both run in the same read-only sandbox as every query (<see cref="DuckDbSession"/>).
/// </summary>
public sealed class DuckDbSourceLineage(DuckDbSourceOptions options) : ISourceLineage
{
    private const string MarksTable = "Pii_Columns";

    public Task<IReadOnlyList<PiiColumn>> ReadMarkedColumnsAsync(int maxColumns, CancellationToken cancellationToken) =>
        Task.Run(() => ReadMarkedColumns(maxColumns, cancellationToken), cancellationToken);

    public Task<QueryLineage> TraceAsync(string sql, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            using var session = DuckDbSession.Open(options, outputPath: null, cancellationToken);
            return SqlLineage.Of(session.RequireSingleSelect(sql));
        }, cancellationToken);

    private IReadOnlyList<PiiColumn> ReadMarkedColumns(int maxColumns, CancellationToken cancellationToken)
    {
        using var session = DuckDbSession.Open(options, outputPath: null, cancellationToken);
        var present = session.Query(
            $"SELECT count(*) FROM information_schema.columns WHERE table_catalog = current_database() AND lower(table_name) = lower({SqlText.Literal(MarksTable)}) " +
            "AND lower(column_name) IN ('table_name', 'column_name')",
            reader => reader.Read() && reader.GetInt64(0) == 2);
        if (!present)
        {
            return [];
        }
        // The table is the user's data: only well-formed names count, and no more than the limit are read.
        return DuckDbAudienceSource.Translate(() => session.Query(
            $"SELECT CAST(table_name AS VARCHAR), CAST(column_name AS VARCHAR) FROM {MarksTable} LIMIT {Math.Max(0, maxColumns)}", reader =>
            {
                var marks = new List<PiiColumn>();
                while (reader.Read())
                {
                    var table = reader.IsDBNull(0) ? null : reader.GetString(0).Trim();
                    var column = reader.IsDBNull(1) ? null : reader.GetString(1).Trim();
                    if (PiiColumn.IsName(table) && PiiColumn.IsName(column))
                    {
                        marks.Add(new PiiColumn(table!, column!));
                    }
                }
                return (IReadOnlyList<PiiColumn>)marks;
            }));
    }
}
