using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Herald.Simulator.SnowflakeImport;

/// <summary>
/// The smallest client of Snowflake's SQL API v2 an importer needs: submit a statement, poll a 202, read every result
/// partition. Answers are outside input: bounded in size, and a malformed one fails the import with what was wrong.
/// </summary>
internal sealed class ConsumerSqlClient(HttpClient http, SnowflakeConsumerOptions options, ConsumerToken token, TimeProvider time)
{
    private const string StatementsPath = "api/v2/statements";

    /// <summary>Runs one statement in <paramref name="database"/> (or none) and hands over its rows partition by
    /// partition, each cell a string or null, with the result's column names.</summary>
    /// <exception cref="ShareImportException">Snowflake refused the statement or answered something unreadable.</exception>
    public async IAsyncEnumerable<(IReadOnlyList<string> Columns, string?[] Row)> QueryAsync(
        string statement, string? database, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object> { ["statement"] = statement, ["timeout"] = (int)options.StatementTimeout.TotalSeconds };
        if (database is not null)
        {
            body["database"] = database;
        }

        using var submit = Request(HttpMethod.Post, $"{StatementsPath}?requestId={Guid.NewGuid()}");
        submit.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using var first = await SendAsync(submit, cancellationToken);
        var answer = first.RootElement;
        var deadline = time.GetUtcNow() + options.StatementTimeout;
        var delay = TimeSpan.FromMilliseconds(20);
        var handle = Text(answer, "statementHandle");
        JsonDocument? polled = null;
        try
        {
            while (Text(answer, "code") == "333334")
            {
                if (time.GetUtcNow() > deadline || handle is null || !Guid.TryParse(handle, out var parsed))
                {
                    throw new ShareImportException($"the statement did not finish within {options.StatementTimeout}.");
                }

                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
                polled?.Dispose();
                using var poll = Request(HttpMethod.Get, $"{StatementsPath}/{parsed}");
                polled = await SendAsync(poll, cancellationToken);
                answer = polled.RootElement;
            }

            var columns = ColumnsOf(answer);
            foreach (var row in RowsOf(answer, columns.Count))
            {
                yield return (columns, row);
            }

            var partitions = answer.GetProperty("resultSetMetaData").TryGetProperty("partitionInfo", out var info) && info.ValueKind == JsonValueKind.Array
                ? info.GetArrayLength()
                : 1;
            for (var partition = 1; partition < partitions; partition++)
            {
                using var next = Request(HttpMethod.Get, $"{StatementsPath}/{Guid.Parse(handle!)}?partition={partition}");
                using var page = await SendAsync(next, cancellationToken);
                foreach (var row in RowsOf(page.RootElement, columns.Count))
                {
                    yield return (columns, row);
                }
            }
        }
        finally
        {
            polled?.Dispose();
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(options.BaseUrl!, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Create());
        request.Headers.Add("X-Snowflake-Authorization-Token-Type", "KEYPAIR_JWT");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("InsiderOneSimulator", "1.0"));
        return request;
    }

    private async Task<JsonDocument> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var bytes = await ReadBoundedAsync(response.Content, cancellationToken);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            throw new ShareImportException($"Snowflake answered {(int)response.StatusCode} with a body that is not JSON.");
        }

        if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted && document.RootElement.ValueKind == JsonValueKind.Object)
        {
            return document;
        }

        using (document)
        {
            var message = document.RootElement.ValueKind == JsonValueKind.Object ? Text(document.RootElement, "message") : null;
            throw new ShareImportException($"Snowflake answered {(int)response.StatusCode}: {Printable(message ?? "no message")}");
        }
    }

    private async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > options.MaxAnswerBytes)
            {
                throw new ShareImportException($"Snowflake's answer is larger than {options.MaxAnswerBytes:N0} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static List<string> ColumnsOf(JsonElement answer)
    {
        if (!answer.TryGetProperty("resultSetMetaData", out var meta) || !meta.TryGetProperty("rowType", out var rowType) || rowType.ValueKind != JsonValueKind.Array)
        {
            throw new ShareImportException("Snowflake's answer has no resultSetMetaData.rowType.");
        }

        return rowType.EnumerateArray().Select(column => Text(column, "name") ?? throw new ShareImportException("a column in rowType has no name.")).ToList();
    }

    private static IEnumerable<string?[]> RowsOf(JsonElement answer, int width)
    {
        if (!answer.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new ShareImportException("Snowflake's answer has no data array.");
        }

        foreach (var row in data.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != width)
            {
                throw new ShareImportException($"a row of Snowflake's answer does not have the {width} cells its rowType names.");
            }

            yield return row.EnumerateArray().Select(cell => cell.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => cell.GetString(),
                _ => throw new ShareImportException("a cell of Snowflake's answer is neither a string nor null."),
            }).ToArray();
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Printable(string text)
    {
        var cleaned = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return cleaned.Length <= 300 ? cleaned : cleaned[..300] + "...";
    }
}
