using System.Text;
using Herald.SnowflakeStandIn.Engine;
using Herald.SnowflakeStandIn.Sql;
using Herald.SnowflakeStandIn.State;

namespace Herald.SnowflakeStandIn.Api;

// Over 250 lines on purpose: the SQL API's three operations share authentication, request checks and answers, and
// the stand-in's fidelity is judged by reading them against Snowflake's reference side by side.

/// <summary>
/// The SQL API's three operations (SQL API reference): submit (<c>POST /api/v2/statements</c>, with
/// <c>requestId</c>, <c>retry</c> and <c>async</c>), status and results (<c>GET /api/v2/statements/{handle}</c>, with
/// <c>partition</c>), and cancel (<c>POST /api/v2/statements/{handle}/cancel</c>).
/// </summary>
internal sealed class StatementApi(
    StandInOptions options, JwtVerifier jwt, StandInState state, StandInFaults faults, StatementRunner runner, ConsumerShares consumerShares,
    TimeProvider time)
{
    private readonly string defaultDatabase = options.Databases.Keys.First();

    public async Task SubmitAsync(HttpContext context)
    {
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        if (await AuthorizedAsync(context) is not { } caller)
        {
            return;
        }

        var body = await BoundedBody.ReadAsync(request, options.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            await AnswerAsync(context, 413, "391903", $"The request body is larger than {options.MaxRequestBytes:N0} bytes.");
            return;
        }

        var requestId = request.Query["requestId"].ToString();
        if (requestId.Length > 0 && !Guid.TryParse(requestId, out _))
        {
            await AnswerAsync(context, 400, "391902", "requestId must be a UUID.");
            return;
        }

        var retry = string.Equals(request.Query["retry"], "true", StringComparison.OrdinalIgnoreCase);
        var isAsync = string.Equals(request.Query["async"], "true", StringComparison.OrdinalIgnoreCase);
        StatementRequest submitted;
        try
        {
            submitted = StatementRequest.Parse(body);
        }
        catch (StatementFailure failure)
        {
            await AnswerAsync(context, 400, failure.Code, failure.Message);
            return;
        }

        var received = new ReceivedStatement(requestId.Length > 0 ? requestId : null, retry, submitted.Statement, submitted.Bindings.Count, 0, false, 0);
        if (requestId.Length > 0 && state.ByRequestId(requestId) is { } earlier)
        {
            // Another account's requestId is no key to its result.
            if (!retry || earlier.Account != caller.Account)
            {
                // Inferred strictness: a reused requestId without retry=true is a client mistake worth surfacing.
                await RecordAndAnswerAsync(context, received, 422, "000002",
                    $"requestId {requestId} was used already; resend it with retry=true to get that statement's result.");
                return;
            }

            state.Record(received with { Status = StatusOf(earlier) });
            await StatementAnswers.WriteAsync(context.Response, earlier, 0, cancellationToken);
            return;
        }

        var fault = faults.TakeSubmissionFault(submitted.Statement);
        if (fault.Status != 0)
        {
            if (fault.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await RecordAndAnswerAsync(context, received, fault.Status, fault.Status == 429 ? "000610" : "000500",
                fault.Status == 429 ? "Too many requests." : "Service unavailable (injected fault).");
            return;
        }

        var record = new StatementRecord(Guid.NewGuid().ToString(), received.RequestId, time.GetUtcNow()) { Account = caller.Account };
        List<TranslatedStatement> statements;
        string database, schema;
        try
        {
            statements = Prepare(submitted);
            (database, schema) = caller.IsConsumer ? consumerShares.ContextOf(caller.Account, Identifier(submitted.Database), Identifier(submitted.Schema)) : ContextOf(submitted);
        }
        catch (Exception exception) when (exception is StatementFailure or SqlSyntaxException)
        {
            var failure = exception as StatementFailure ?? StatementFailure.Compilation(exception.Message);
            record.Fail(failure);
            state.Add(record);
            state.Record(received with { Status = 422 });
            await StatementAnswers.WriteAsync(context.Response, record, 0, cancellationToken);
            return;
        }

        state.Add(record);
        var running = Task.Run(() => runner.RunAsync(record, statements, submitted.Bindings, database, schema, submitted.TimeoutSeconds, caller), CancellationToken.None);
        if (!isAsync)
        {
            await Task.WhenAny(running, Task.Delay(options.AsyncThreshold, time, cancellationToken));
        }

        received = received with { StatementCount = statements.Count, Executed = true };
        if (record.Status != StatementStatus.Running && faults.TakeLostAnswer(out var lostStatus))
        {
            await RecordAndAnswerAsync(context, received, lostStatus, "000500", "Service unavailable (injected fault after the statement ran).");
            return;
        }

        if (isAsync)
        {
            // With async=true Snowflake answers 202 at once, however quickly the statement runs.
            state.Record(received with { Status = 202 });
            await StatementAnswers.WriteRunningAsync(context.Response, record, cancellationToken);
            return;
        }

        state.Record(received with { Status = StatusOf(record) });
        await StatementAnswers.WriteAsync(context.Response, record, 0, cancellationToken);
    }

    public async Task StatusAsync(HttpContext context, string handle)
    {
        if (await AuthorizedAsync(context) is not { } caller || await FindAsync(context, handle, caller) is not { } record)
        {
            return;
        }

        var partitionText = context.Request.Query["partition"].ToString();
        var partition = 0;
        if (partitionText.Length > 0 && (!int.TryParse(partitionText, out partition) || partition < 0))
        {
            await AnswerAsync(context, 400, "391902", "partition must be a whole number.");
            return;
        }

        state.Record(new ReceivedCall("GET", context.Request.Path, StatusOf(record)));
        await StatementAnswers.WriteAsync(context.Response, record, partition, context.RequestAborted);
    }

    public async Task CancelAsync(HttpContext context, string handle)
    {
        if (await AuthorizedAsync(context) is not { } caller || await FindAsync(context, handle, caller) is not { } record)
        {
            return;
        }

        await record.Cancellation.CancelAsync();
        await AnswerAsync(context, 200, "000000", "successfully executed", "00000", handle);
    }

    private List<TranslatedStatement> Prepare(StatementRequest submitted)
    {
        if (Encoding.UTF8.GetByteCount(submitted.Statement) > options.MaxStatementBytes)
        {
            throw StatementFailure.Compilation($"The statement is longer than {options.MaxStatementBytes:N0} bytes, the SQL API's limit.");
        }

        var statements = SqlLexer.Split(submitted.Statement);
        if (statements.Count == 0)
        {
            throw StatementFailure.Compilation("Empty SQL statement.");
        }

        // Snowflake runs several statements only when multi_statement_count says how many (0: any number).
        var expected = submitted.MultiStatementCount ?? 1;
        if (expected != 0 && expected != statements.Count)
        {
            throw new StatementFailure("000008", "0A000",
                $"Actual statement count {statements.Count} did not match the desired statement count {expected}.");
        }

        if (statements.Count > 1 && submitted.Bindings.Count > 0)
        {
            throw new StatementFailure("000002", "0A000", "Bind variables are not supported in a multi-statement request.");
        }

        var placeholders = statements[0].PlaceholderCount;
        if (statements.Count == 1 && placeholders != submitted.Bindings.Count)
        {
            throw StatementFailure.Compilation($"The statement has {placeholders} bind variable(s) but {submitted.Bindings.Count} binding(s) were sent.");
        }

        foreach (var statement in statements)
        {
            StatementLimits.CheckValuesRows(statement, options.MaxValuesRows);
        }

        return statements.Select(DialectTranslator.Translate).ToList();
    }

    private (string Database, string Schema) ContextOf(StatementRequest submitted)
    {
        var database = Identifier(submitted.Database) ?? defaultDatabase;
        var schemas = options.Databases.GetValueOrDefault(database) ?? throw StatementFailure.DoesNotExist($"Database '{database}'");
        var schema = Identifier(submitted.Schema) ?? schemas[0];
        return schemas.Contains(schema) ? (database, schema) : throw StatementFailure.DoesNotExist($"Schema '{database}.{schema}'");
    }

    // The body's names are identifiers: unquoted ones resolve uppercase, as in a statement.
    private static string? Identifier(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null
        : name.Length > 2 && name[0] == '"' && name[^1] == '"' ? name[1..^1] : name.ToUpperInvariant();

    private async Task<StandInCaller?> AuthorizedAsync(HttpContext context)
    {
        if (jwt.Check(context.Request, out var caller) is not { } refusal)
        {
            return caller;
        }

        state.Record(new ReceivedCall(context.Request.Method, context.Request.Path, 401));
        await StatementAnswers.WriteErrorAsync(context.Response, 401, "390144", refusal, context.RequestAborted);
        return null;
    }

    private async Task<StatementRecord?> FindAsync(HttpContext context, string handle, StandInCaller caller)
    {
        // A statement's handle is no key to another account's results.
        if (state.ByHandle(handle) is { } record && (record.Account is null || record.Account == caller.Account))
        {
            return record;
        }

        await AnswerAsync(context, 404, "000709", $"Statement {Shorten(handle)} not found.");
        return null;
    }

    private async Task RecordAndAnswerAsync(HttpContext context, ReceivedStatement received, int status, string code, string message)
    {
        state.Record(received with { Status = status });
        await AnswerAsync(context, status, code, message);
    }

    private async Task AnswerAsync(HttpContext context, int status, string code, string message, string? sqlState = null, string? handle = null)
    {
        state.Record(new ReceivedCall(context.Request.Method, context.Request.Path, status));
        if (handle is null)
        {
            await StatementAnswers.WriteErrorAsync(context.Response, status, code, message, context.RequestAborted, sqlState);
            return;
        }

        await StatementAnswers.WriteErrorAsync(context.Response, status, code, message + " (" + handle + ")", context.RequestAborted, sqlState);
    }

    private static int StatusOf(StatementRecord record) => record.Status switch
    {
        StatementStatus.Running => 202,
        StatementStatus.Failed => record.Failure!.HttpStatus,
        _ => 200,
    };

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "...";
}
