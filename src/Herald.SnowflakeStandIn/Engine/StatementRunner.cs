using Herald.SnowflakeStandIn.Api;
using Herald.SnowflakeStandIn.Sql;
using Herald.SnowflakeStandIn.State;

namespace Herald.SnowflakeStandIn.Engine;

/// <summary>
/// Runs a request's statements in DuckDB, one request at a time, as Snowflake runs them: each request its own
/// session starting in the request's database and schema; a multi-statement request stops at the first failure;
/// a transaction still open when the request ends (by failure or not) is rolled back.
/// </summary>
internal sealed class StatementRunner(
    DuckDbEngine engine, ShareCommands shareCommands, ConsumerShares consumerShares, StageCommands stageCommands, StandInState state, StandInFaults faults,
    TimeProvider time)
{
    public async Task RunAsync(
        StatementRecord record, IReadOnlyList<TranslatedStatement> statements, IReadOnlyList<BoundValue> bindings, string database, string schema,
        int timeoutSeconds, StandInCaller caller)
    {
        using var timeout = record.StartTimeout(TimeSpan.FromSeconds(timeoutSeconds), time);
        var cancellationToken = record.Cancellation.Token;
        try
        {
            await faults.HeldUntilReleased().WaitAsync(cancellationToken);
            if (faults.StatementDelay is { } delay && delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, cancellationToken);
            }

            using var turn = await engine.TakeTurnAsync(cancellationToken);
            var session = new SessionContext(database, schema);
            try
            {
                if (caller.IsConsumer)
                {
                    consumerShares.Refresh(caller.Account, engine);
                }

                if (database.Length == 0)
                {
                    engine.UseNone();
                }
                else
                {
                    engine.Use(database, schema);
                }

                ResultSet Run(TranslatedStatement statement, IReadOnlyList<BoundValue> values) => caller.IsConsumer
                    ? consumerShares.Run(statement, session, caller.Account, engine, values)
                    : RunOne(statement, session, values);
                if (statements.Count == 1)
                {
                    record.Succeed(Run(statements[0], bindings), []);
                    return;
                }

                var children = new List<string>();
                foreach (var statement in statements)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var child = new StatementRecord(Guid.NewGuid().ToString(), null, time.GetUtcNow()) { Account = caller.Account };
                    state.Add(child);
                    children.Add(child.Handle);
                    try
                    {
                        child.Succeed(Run(statement, []), []);
                    }
                    catch (StatementFailure failure)
                    {
                        child.Fail(failure);
                        throw;
                    }
                }

                record.Succeed(ResultSet.Single(ResultColumn.Text("multiple statement execution"), "Multiple statements executed successfully."), children);
            }
            finally
            {
                if (session.InTransaction)
                {
                    engine.Execute("ROLLBACK");
                }
            }
        }
        catch (StatementFailure failure)
        {
            record.Fail(failure);
        }
        catch (OperationCanceledException)
        {
            record.Fail(record.TimedOut ? StatementFailure.TimedOut(timeoutSeconds) : StatementFailure.Canceled());
        }
        catch (Exception exception)
        {
            record.Fail(StatementFailure.Execution(exception.Message));
        }
    }

    private ResultSet RunOne(TranslatedStatement statement, SessionContext session, IReadOnlyList<BoundValue> bindings)
    {
        switch (statement.Kind)
        {
            case StatementKind.Begin:
                var begun = engine.Run(statement, []);
                session.InTransaction = true;
                return begun;
            case StatementKind.Commit or StatementKind.Rollback:
                if (!session.InTransaction)
                {
                    return ResultSet.Status("Statement executed successfully.");
                }

                session.InTransaction = false;
                return engine.Run(statement, []);
            case StatementKind.Use:
                return Use(statement.Original, session);
            case StatementKind.CreateStage:
                return stageCommands.Create(statement.Original);
            case StatementKind.CopyInto:
                return stageCommands.Copy(statement.Original, session, engine);
            case StatementKind.CreateDatabaseFromShare:
                throw StatementFailure.Compilation("a share is imported by the accounts it was added to, not by the account that owns it.");
            case StatementKind.Truncate when statement.IfExists && !TableNamedExists(statement, session):
                return ResultSet.Status("Statement executed successfully.");
            case StatementKind.CreateShare or StatementKind.DropShare or StatementKind.GrantToShare or StatementKind.AlterShareAccounts
                or StatementKind.ShowShares or StatementKind.ShowGrantsToShare:
                return shareCommands.Run(statement, session, engine.Exists);
            default:
                return engine.Run(statement, bindings);
        }
    }

    private bool TableNamedExists(TranslatedStatement statement, SessionContext session)
    {
        var tokens = statement.Original.Tokens;
        var index = tokens.Count - 1;
        while (index > 0 && !tokens[index - 1].IsWord("EXISTS")) index--;
        var name = QualifiedName.Read(tokens, ref index).Parts;
        var parts = new[] { session.Database, session.Schema }.Take(3 - name.Count).Concat(name).ToArray();
        return engine.Exists(parts[0], parts[1], parts[2]);
    }

    private ResultSet Use(SqlStatement statement, SessionContext session)
    {
        // USE [DATABASE | SCHEMA | ROLE | WAREHOUSE] <name>; roles and warehouses are accepted and change nothing here.
        var tokens = statement.Tokens;
        var kind = tokens.Count > 2 ? tokens[1].Value.ToUpperInvariant() : "SCHEMA";
        var index = tokens.Count > 2 ? 2 : 1;
        if (kind is "ROLE" or "WAREHOUSE" or "SECONDARY")
        {
            return ResultSet.Status("Statement executed successfully.");
        }

        var name = QualifiedName.Read(tokens, ref index).Parts;
        var (database, schema) = kind == "DATABASE"
            ? (name[^1], "PUBLIC")
            : name.Count == 2 ? (name[0], name[1]) : (session.Database, name[0]);
        if (!engine.Exists(database, schema, null))
        {
            throw StatementFailure.DoesNotExist($"Schema '{database}.{schema}'");
        }

        engine.Use(database, schema);
        (session.Database, session.Schema) = (database, schema);
        return ResultSet.Status("Statement executed successfully.");
    }
}
