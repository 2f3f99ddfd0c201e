namespace Herald.SnowflakeStandIn.Engine;

/// <summary>A finished statement's result: its columns and every row as jsonv2 strings, split into partitions.</summary>
internal sealed record ResultSet(IReadOnlyList<ResultColumn> Columns, IReadOnlyList<IReadOnlyList<string?[]>> Partitions, DmlStats? Stats = null)
{
    public long RowCount => Partitions.Sum(partition => (long)partition.Count);

    public static ResultSet Single(ResultColumn column, string? value, DmlStats? stats = null) =>
        new([column], [[[value]]], stats);

    public static ResultSet Status(string message) => Single(ResultColumn.Text("status"), message);

    public static ResultSet Of(IReadOnlyList<ResultColumn> columns, List<string?[]> rows, int partitionRows) =>
        new(columns, rows.Count == 0 ? [[]] : rows.Chunk(partitionRows).Select(chunk => (IReadOnlyList<string?[]>)chunk).ToList());
}
