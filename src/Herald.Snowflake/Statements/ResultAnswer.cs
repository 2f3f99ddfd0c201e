using System.Text.Json;

namespace Herald.Snowflake.Statements;

/// <summary>A 200 answer read: its columns, partition count, counts and the rows of its first partition. Everything
/// in it came from outside and is checked as it is read.</summary>
internal sealed record ResultAnswer(
    string Handle,
    IReadOnlyList<SnowflakeColumn> Columns,
    long RowCount,
    int PartitionCount,
    IReadOnlyList<string?[]> FirstRows,
    IReadOnlyList<string> StatementHandles,
    long RowsInserted,
    long RowsUpdated,
    long RowsDeleted)
{
    /// <exception cref="FormatException">The answer is not a result set as the SQL API documents it.</exception>
    public static ResultAnswer Parse(byte[] body)
    {
        using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        var root = document.RootElement;
        var handle = AnswerFields.Handle(root) ?? throw new FormatException("the answer has no statementHandle");
        if (!root.TryGetProperty("resultSetMetaData", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the answer has no resultSetMetaData");
        }

        var columns = new List<SnowflakeColumn>();
        if (metadata.TryGetProperty("rowType", out var rowType) && rowType.ValueKind == JsonValueKind.Array)
        {
            foreach (var column in rowType.EnumerateArray())
            {
                columns.Add(new SnowflakeColumn(
                    AnswerFields.Text(column, "name") ?? "",
                    (AnswerFields.Text(column, "type") ?? "text").ToLowerInvariant(),
                    AnswerFields.Int(column, "precision"),
                    AnswerFields.Int(column, "scale"),
                    !column.TryGetProperty("nullable", out var nullable) || nullable.ValueKind != JsonValueKind.False));
            }
        }

        var partitions = metadata.TryGetProperty("partitionInfo", out var info) && info.ValueKind == JsonValueKind.Array ? info.GetArrayLength() : 1;
        var rowCount = metadata.TryGetProperty("numRows", out var numRows) && numRows.TryGetInt64(out var n) ? n : 0;
        var rows = ReadRows(root, columns.Count);
        var handles = root.TryGetProperty("statementHandles", out var children) && children.ValueKind == JsonValueKind.Array
            ? children.EnumerateArray().Select(child => AnswerFields.CheckedHandle(child.GetString())).ToList()
            : [];
        var stats = root.TryGetProperty("stats", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        return new ResultAnswer(handle, columns, rowCount, Math.Max(partitions, 1), rows, handles,
            Stat(stats, "numRowsInserted"), Stat(stats, "numRowsUpdated"), Stat(stats, "numRowsDeleted"));
    }

    /// <summary>The <c>data</c> of a further partition.</summary>
    public static IReadOnlyList<string?[]> ParsePartition(byte[] body, int columnCount)
    {
        using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        return ReadRows(document.RootElement, columnCount);
    }

    private static List<string?[]> ReadRows(JsonElement root, int columnCount)
    {
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var rows = new List<string?[]>(data.GetArrayLength());
        foreach (var row in data.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != columnCount)
            {
                throw new FormatException($"a row does not have the {columnCount} values its rowType promises");
            }

            var values = new string?[columnCount];
            var i = 0;
            foreach (var cell in row.EnumerateArray())
            {
                values[i++] = cell.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => cell.GetString(),
                    _ => throw new FormatException("a value is not a string (jsonv2 sends every value as a string)"),
                };
            }

            rows.Add(values);
        }

        return rows;
    }

    private static long Stat(JsonElement stats, string name) =>
        stats.ValueKind == JsonValueKind.Object && stats.TryGetProperty(name, out var value) && value.TryGetInt64(out var n) ? n : 0;
}
