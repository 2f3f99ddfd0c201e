using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Herald.Snowflake.Auth;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Timeout;

namespace Herald.Snowflake.Statements;

// Over 250 lines on purpose: submit, poll, fetch and cancel share one send-with-retry path and one requestId, which is
// what keeps a statement from running twice; apart they would each have to be read to trust that.

/// <summary>
/// Herald's client of Snowflake's SQL API v2 (snowflake.md, "The API Herald uses"): submits a statement with a
/// <c>requestId</c>, polls while it answers 202, reads its result partition by partition, and cancels it when the
/// caller gives up. Retries (429, 5xx, timeouts) re-send the same <c>requestId</c> with <c>retry=true</c>, so a
/// statement never runs twice. Failures surface as <see cref="SnowflakeException"/> with a reason a person can act on.
/// </summary>
public sealed class SnowflakeClient : IDisposable
{
    private const string StatementsPath = "api/v2/statements";
    private static readonly ProductInfoHeaderValue UserAgent = new("Herald", typeof(SnowflakeClient).Assembly.GetName().Version?.ToString(3) ?? "1.0.0");

    private readonly HttpClient http;
    private readonly SnowflakeConnection connection;
    private readonly SnowflakeOptions options;
    private readonly TimeProvider time;
    private readonly KeyPairToken token;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;
    private readonly Uri baseUrl;

    /// <param name="http">Sends the requests; Herald's own handler should decompress gzip (Snowflake compresses large partitions).</param>
    /// <exception cref="ArgumentException">The options or the connection settings are invalid; the message names them.</exception>
    /// <exception cref="SnowflakeException">The private key cannot be read (wrong format or passphrase).</exception>
    public SnowflakeClient(HttpClient http, SnowflakeConnection connection, SnowflakeOptions options, TimeProvider time, ILogger<SnowflakeClient>? logger = null)
    {
        options.ThrowIfInvalid();
        if (connection.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException("The Snowflake connection settings are invalid: " + string.Join(" ", problems), nameof(connection));
        }

        this.http = http;
        this.connection = connection;
        this.options = options;
        this.time = time;
        token = new KeyPairToken(connection, options.TokenLifetime, time);
        pipeline = SnowflakeResilience.Create(options, time, (ILogger?)logger ?? NullLogger.Instance);
        var root = options.BaseUrl ?? SnowflakeAccount.ApiBaseUrl(connection.AccountIdentifier);
        baseUrl = root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/");
    }

    /// <summary>A handler fit for the SQL API: gzip and deflate decompressed (Snowflake compresses large partitions),
    /// connections renewed every few minutes so DNS changes are seen.</summary>
    public static SocketsHttpHandler CreateHttpHandler() => new()
    {
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(15),
    };

    /// <summary>The public key fingerprint of the credential's key, <c>SHA256:...</c>; safe to show.</summary>
    public string KeyFingerprint => token.Fingerprint;

    /// <summary>Runs a statement (or several) to the end and returns its result, whose rows are read as enumerated.</summary>
    /// <exception cref="SnowflakeException">Snowflake refused or failed the statement, or could not be reached.</exception>
    /// <exception cref="OperationCanceledException">The caller canceled; a statement already running was canceled in Snowflake.</exception>
    public async Task<SnowflakeResult> ExecuteAsync(SnowflakeStatement statement, CancellationToken cancellationToken)
    {
        if (statement.StatementCount > 1 && statement.Bindings.Count > 0)
        {
            throw new ArgumentException("Snowflake takes no bind values in a multi-statement request.", nameof(statement));
        }

        var requestId = Guid.NewGuid().ToString();
        var body = RequestBody(statement);
        var attempt = 0;
        var (status, answer) = await SendAsync(() =>
        {
            // Every attempt after the first says it is a retry, so Snowflake answers from the first run if there was one.
            var query = $"{StatementsPath}?requestId={requestId}{(attempt++ > 0 ? "&retry=true" : "")}";
            return new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, query)) { Content = Json(body) };
        }, statement.Purpose, () => attempt, cancellationToken);

        return status switch
        {
            HttpStatusCode.OK => Result(answer, statement.Purpose),
            HttpStatusCode.Accepted => await PollAsync(Handle(answer, statement.Purpose), statement.Purpose, cancellationToken),
            _ => throw Failure((int)status, answer, statement.Purpose, attempt),
        };
    }

    /// <summary>Releases the private key; the <see cref="HttpClient"/> belongs to the caller.</summary>
    public void Dispose() => token.Dispose();

    private async Task<SnowflakeResult> PollAsync(string handle, string purpose, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(options.StatementTimeoutSeconds);
        var delay = options.PollInitialDelay;
        try
        {
            while (true)
            {
                await Task.Delay(delay, time, cancellationToken);
                var attempt = 0;
                var (status, answer) = await SendAsync(() =>
                {
                    attempt++;
                    return new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, $"{StatementsPath}/{handle}"));
                }, purpose, () => attempt, cancellationToken);
                if (status == HttpStatusCode.OK)
                {
                    return Result(answer, purpose);
                }

                if (status != HttpStatusCode.Accepted)
                {
                    throw Failure((int)status, answer, purpose, attempt);
                }

                if (time.GetUtcNow() >= deadline)
                {
                    await CancelQuietlyAsync(handle);
                    throw new SnowflakeException(SnowflakeFailureKind.Timeout,
                        $"{purpose} was still running in Snowflake after {options.StatementTimeoutSeconds} s (Herald:Snowflake:StatementTimeoutSeconds); Herald canceled it.",
                        statementHandle: handle);
                }

                delay = delay * 2 < options.PollMaxDelay ? delay * 2 : options.PollMaxDelay;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CancelQuietlyAsync(handle);
            throw;
        }
    }

    /// <summary>Asks Snowflake to stop a statement Herald no longer waits for; a failure to ask changes nothing for the caller.</summary>
    private async Task CancelQuietlyAsync(string handle)
    {
        using var timeout = new CancellationTokenSource(options.RequestTimeout, time);
        try
        {
            using var request = Authorized(new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, $"{StatementsPath}/{handle}/cancel")) { Content = Json([.. "{}"u8]) });
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            // Snowflake stops the statement at its own timeout anyway.
        }
    }

    private async Task<IReadOnlyList<string?[]>> FetchPartitionAsync(string handle, int partition, int columnCount, string purpose, CancellationToken cancellationToken)
    {
        var attempt = 0;
        var (status, answer) = await SendAsync(() =>
        {
            attempt++;
            return new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, $"{StatementsPath}/{handle}?partition={partition.ToString(CultureInfo.InvariantCulture)}"));
        }, purpose, () => attempt, cancellationToken);
        if (status != HttpStatusCode.OK)
        {
            throw Failure((int)status, answer, purpose, attempt);
        }

        return Parsed(() => ResultAnswer.ParsePartition(answer, columnCount), purpose);
    }

    /// <summary>Sends through the retry pipeline and reads the final answer within <see cref="SnowflakeOptions.MaxAnswerBytes"/>.</summary>
    private async Task<(HttpStatusCode Status, byte[] Body)> SendAsync(Func<HttpRequestMessage> create, string purpose, Func<int> attempts, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            using var response = await pipeline.ExecuteAsync(async ctx =>
            {
                using var request = Authorized(create());
                return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ctx.CancellationToken);
            }, context);
            return (response.StatusCode, await BoundedAnswer.ReadAsync(response, options.MaxAnswerBytes, cancellationToken));
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException)
        {
            throw new SnowflakeException(SnowflakeFailureKind.Transient,
                $"Snowflake could not be reached at {baseUrl.Host} for {purpose} after {attempts()} attempt(s) ({(exception is TimeoutRejectedException ? "no answer within Herald:Snowflake:RequestTimeout" : AnswerFields.Shown(exception.Message))}). " +
                "Nothing was half-done; run again when Snowflake is reachable, and check the account identifier.");
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private HttpRequestMessage Authorized(HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Current());
        request.Headers.Add("X-Snowflake-Authorization-Token-Type", "KEYPAIR_JWT");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.Add(UserAgent);
        return request;
    }

    private SnowflakeResult Result(byte[] answer, string purpose)
    {
        var parsed = Parsed(() => ResultAnswer.Parse(answer), purpose);
        return new SnowflakeResult(parsed, (partition, token) => FetchPartitionAsync(parsed.Handle, partition, parsed.Columns.Count, purpose, token));
    }

    private static string Handle(byte[] answer, string purpose) => Parsed(() =>
    {
        using var document = JsonDocument.Parse(answer);
        return AnswerFields.Handle(document.RootElement) ?? throw new FormatException("a 202 answer without a statementHandle");
    }, purpose);

    private static T Parsed<T>(Func<T> parse, string purpose)
    {
        try
        {
            return parse();
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException)
        {
            throw new SnowflakeException(SnowflakeFailureKind.Protocol,
                $"Snowflake's answer to {purpose} could not be read ({AnswerFields.Shown(exception.Message)}); check Herald:Snowflake:BaseUrl points at Snowflake's SQL API.");
        }
    }

    private SnowflakeException Failure(int status, byte[] answer, string purpose, int attempts) =>
        SnowflakeErrors.FromAnswer(status, ErrorAnswer.Parse(answer), purpose, connection, token.Fingerprint, attempts);

    private byte[] RequestBody(SnowflakeStatement statement)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("statement", statement.Sql);
            writer.WriteNumber("timeout", options.StatementTimeoutSeconds);
            writer.WriteString("database", connection.Database);
            writer.WriteString("schema", connection.Schema);
            if (connection.Warehouse is { } warehouse)
            {
                writer.WriteString("warehouse", warehouse);
            }

            if (connection.Role is { } role)
            {
                writer.WriteString("role", role);
            }

            if (statement.Bindings.Count > 0)
            {
                writer.WriteStartObject("bindings");
                for (var i = 0; i < statement.Bindings.Count; i++)
                {
                    writer.WriteStartObject((i + 1).ToString(CultureInfo.InvariantCulture));
                    writer.WriteString("type", "TEXT");
                    writer.WriteString("value", statement.Bindings[i]);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            if (statement.StatementCount != 1)
            {
                writer.WriteStartObject("parameters");
                writer.WriteString("MULTI_STATEMENT_COUNT", statement.StatementCount.ToString(CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
