using System.Text.Json;
using Herald.SnowflakeStandIn.Engine;
using Herald.SnowflakeStandIn.State;

namespace Herald.SnowflakeStandIn.Api;

/// <summary>Writes the SQL API's answers (SQL API reference, "ResultSet", "QueryStatus" and "QueryFailureStatus").</summary>
internal static class StatementAnswers
{
    public const string StatementsPath = "/api/v2/statements";
    private const string RunningCode = "333334";
    private const string SuccessCode = "090001";

    public static string StatusUrl(StatementRecord record) =>
        $"{StatementsPath}/{record.Handle}" + (record.RequestId is { } id ? "?requestId=" + id : "");

    /// <summary>The answer for a statement's current state: 200 with a partition of its result, 202 while it runs,
    /// 422 when it failed.</summary>
    public static Task WriteAsync(HttpResponse response, StatementRecord record, int partition, CancellationToken cancellationToken) =>
        record.Status switch
        {
            StatementStatus.Running => WriteRunningAsync(response, record, cancellationToken),
            StatementStatus.Failed => WriteJsonAsync(response, record.Failure!.HttpStatus, writer =>
            {
                writer.WriteString("code", record.Failure!.Code);
                writer.WriteString("message", record.Failure.Message);
                writer.WriteString("sqlState", record.Failure.SqlState);
                writer.WriteString("statementHandle", record.Handle);
                writer.WriteString("statementStatusUrl", StatusUrl(record));
            }, cancellationToken),
            _ => WriteResultAsync(response, record, partition, cancellationToken),
        };

    /// <summary>The 202 of a statement still running, or of one submitted with <c>async=true</c>, however far it got.</summary>
    public static Task WriteRunningAsync(HttpResponse response, StatementRecord record, CancellationToken cancellationToken) =>
        WriteJsonAsync(response, 202, writer =>
        {
            writer.WriteString("code", RunningCode);
            writer.WriteString("message", "Asynchronous execution in progress. Use provided query id to perform query monitoring and management.");
            writer.WriteString("statementHandle", record.Handle);
            writer.WriteString("statementStatusUrl", StatusUrl(record));
        }, cancellationToken);

    public static Task WriteErrorAsync(HttpResponse response, int status, string code, string message, CancellationToken cancellationToken, string? sqlState = null) =>
        WriteJsonAsync(response, status, writer =>
        {
            writer.WriteString("code", code);
            writer.WriteString("message", message);
            if (sqlState is not null)
            {
                writer.WriteString("sqlState", sqlState);
            }
        }, cancellationToken);

    private static async Task WriteResultAsync(HttpResponse response, StatementRecord record, int partition, CancellationToken cancellationToken)
    {
        var result = record.Result!;
        if (partition < 0 || partition >= result.Partitions.Count)
        {
            await WriteErrorAsync(response, 422, "000709", $"Partition {partition} does not exist; the result has {result.Partitions.Count}.", cancellationToken, "02000");
            return;
        }

        response.StatusCode = 200;
        response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(response.Body);
        writer.WriteStartObject();
        if (partition == 0)
        {
            WriteMetadata(writer, result);
        }

        writer.WriteStartArray("data");
        var written = 0;
        foreach (var row in result.Partitions[partition])
        {
            writer.WriteStartArray();
            foreach (var cell in row)
            {
                writer.WriteStringValue(cell);
            }

            writer.WriteEndArray();
            if (++written % 1000 == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();
        if (partition == 0)
        {
            writer.WriteString("code", SuccessCode);
            writer.WriteString("statementStatusUrl", StatusUrl(record));
            if (record.RequestId is not null)
            {
                writer.WriteString("requestId", record.RequestId);
            }

            writer.WriteString("sqlState", "00000");
            writer.WriteString("statementHandle", record.Handle);
            writer.WriteString("message", "Statement executed successfully.");
            writer.WriteNumber("createdOn", record.CreatedOn.ToUnixTimeMilliseconds());
            if (record.ChildHandles.Count > 0)
            {
                writer.WriteStartArray("statementHandles");
                foreach (var handle in record.ChildHandles)
                {
                    writer.WriteStringValue(handle);
                }

                writer.WriteEndArray();
            }

            if (result.Stats is { } stats)
            {
                writer.WriteStartObject("stats");
                writer.WriteNumber("numRowsInserted", stats.Inserted);
                writer.WriteNumber("numRowsUpdated", stats.Updated);
                writer.WriteNumber("numRowsDeleted", stats.Deleted);
                writer.WriteEndObject();
            }
        }

        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }

    private static void WriteMetadata(Utf8JsonWriter writer, ResultSet result)
    {
        writer.WriteStartObject("resultSetMetaData");
        writer.WriteNumber("numRows", result.RowCount);
        writer.WriteString("format", "jsonv2");
        writer.WriteStartArray("partitionInfo");
        foreach (var partition in result.Partitions)
        {
            writer.WriteStartObject();
            writer.WriteNumber("rowCount", partition.Count);
            writer.WriteNumber("uncompressedSize", partition.Sum(row => row.Sum(cell => (long)(cell?.Length ?? 4) + 3)));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("rowType");
        foreach (var column in result.Columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name", column.Name);
            writer.WriteString("database", "");
            writer.WriteString("schema", "");
            writer.WriteString("table", "");
            writer.WriteString("type", column.Type);
            writer.WriteBoolean("nullable", column.Nullable);
            if (column.Precision is { } precision)
            {
                writer.WriteNumber("precision", precision);
            }
            else
            {
                writer.WriteNull("precision");
            }

            if (column.Scale is { } scale)
            {
                writer.WriteNumber("scale", scale);
            }
            else
            {
                writer.WriteNull("scale");
            }

            if (column.Type == "text")
            {
                writer.WriteNumber("length", 16_777_216);
                writer.WriteNumber("byteLength", 16_777_216);
            }
            else
            {
                writer.WriteNull("length");
                writer.WriteNull("byteLength");
            }

            writer.WriteNull("collation");
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static async Task WriteJsonAsync(HttpResponse response, int status, Action<Utf8JsonWriter> body, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(response.Body);
        writer.WriteStartObject();
        body(writer);
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }
}
