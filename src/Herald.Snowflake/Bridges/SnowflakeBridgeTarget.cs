using Herald.Core.Bridges;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Runs;
using Herald.Snowflake.Publishing;
using Herald.Snowflake.Publishing.Staging;
using Herald.Snowflake.Statements;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Herald.Snowflake.Bridges;

/// <summary>
/// A bridge's tables in Snowflake: each built table is loaded incrementally by <see cref="TablePublisher"/> (only rows
/// whose <c>updated_at</c> changed are sent, removed keys deleted, the new version swapped in one transaction, never
/// <c>CREATE OR REPLACE</c>), then the share and its grants are set up. The credential's secrets are read for each
/// operation and never kept.
/// </summary>
public sealed class SnowflakeBridgeTarget(
    ISnowflakeLogins logins,
    IInsiderTableSource source,
    IOptions<SnowflakeOptions> options,
    IOptions<TablePublisherOptions> publisherOptions,
    TimeProvider clock,
    ILoggerFactory? loggers = null,
    IStagingFiles? stagingFiles = null) : IBridgeTarget, IDisposable
{
    private readonly HttpClient http = new(SnowflakeClient.CreateHttpHandler());

    public BridgeTargetKind Kind => BridgeTargetKind.Snowflake;

    public async Task<IReadOnlyList<FieldProblem>> CheckAsync(Bridge bridge, CancellationToken cancellationToken)
    {
        var problems = new List<FieldProblem>();
        if (bridge.CredentialId is not { } credentialId || await logins.FindAsync(credentialId, cancellationToken) is not { } login)
        {
            problems.Add(new FieldProblem("Credential", "Name a credential of plugin 'snowflake' (account identifier, user, role, warehouse and private key)."));
            login = null;
        }
        var connection = (login ?? Placeholder).For(bridge.Database ?? "", bridge.Schema ?? "");
        foreach (var problem in connection.Problems())
        {
            var field = problem.StartsWith("Database", StringComparison.Ordinal) ? "Database"
                : problem.StartsWith("Schema", StringComparison.Ordinal) ? "Schema"
                : "Credential";
            problems.Add(new FieldProblem(field, field == "Credential" ? $"The credential's settings: {problem}" : problem));
        }
        if (bridge.ShareName is null && bridge.ConsumerAccount is not null)
        {
            problems.Add(new FieldProblem("ShareName", "A consumer account needs a share to receive: name the share, such as HERALD_INSIDER_ONE."));
        }
        if (bridge.ShareName is not null)
        {
            problems.AddRange(ShareRequest.NameProblems(bridge.ShareName, bridge.ConsumerAccount)
                .Select(problem => new FieldProblem(problem.StartsWith("Share", StringComparison.Ordinal) ? "ShareName" : "ConsumerAccount", problem)));
        }
        return problems;
    }

    public async Task<ConnectionCheck> TestAsync(Bridge bridge, CancellationToken cancellationToken)
    {
        try
        {
            using var session = await OpenAsync(bridge, cancellationToken);
            await session.Client.ExecuteAsync(new SnowflakeStatement("SELECT 1", $"testing the connection to {bridge.Database}.{bridge.Schema}"), cancellationToken);
            return new ConnectionCheck(true, null, $"Signed in to Snowflake as {session.Connection.User} and reached {bridge.Database}.{bridge.Schema}.");
        }
        catch (SnowflakeException failure)
        {
            return new ConnectionCheck(false, failure.Kind is SnowflakeFailureKind.Credential ? FailureKind.Credential : failure.Kind is SnowflakeFailureKind.Transient or SnowflakeFailureKind.Timeout ? FailureKind.Transient : FailureKind.Destination,
                failure.Message);
        }
        catch (BridgeTargetException failure)
        {
            return new ConnectionCheck(false, FailureKind.Credential, failure.Message);
        }
    }

    public async Task<BridgeTableCounts> PublishAsync(Bridge bridge, BridgeTable table, InsiderTableShape shape, bool allowShrink, CancellationToken cancellationToken)
    {
        var definition = new TableDefinition(shape.Name, [.. shape.Columns.Select(column => new TableColumn(column.Name, column.TargetType))], shape.KeyColumn, shape.UpdatedAtColumn);
        using var session = await OpenAsync(bridge, cancellationToken);
        try
        {
            // Large tables go through the credential's stage when it has one (snowflake.md, "Large tables").
            using var stage = session.Stage is { } location && stagingFiles is not null && shape.Rows >= publisherOptions.Value.StageAboveRows
                ? new StageLoader(location, stagingFiles, options.Value, clock)
                : null;
            var publisher = new TablePublisher(session.Client, session.Connection, publisherOptions.Value, stage);
            var publication = await publisher.PublishIncrementalAsync(definition, source.ReadRowsAsync(table, cancellationToken), cancellationToken, allowShrink);
            return new BridgeTableCounts(shape.Name, publication.RowsSent + publication.RowsUnchanged, publication.RowsSent - publication.RowsUpdated,
                publication.RowsUpdated, publication.KeysRemoved, publication.RowsUnchanged, publication.RowsInTable);
        }
        catch (SnowflakeException failure)
        {
            throw Translate(failure);
        }
    }

    public async Task<BridgeShareState?> ShareAsync(Bridge bridge, IReadOnlyList<InsiderTableShape> tables, CancellationToken cancellationToken)
    {
        if (bridge.ShareName is null)
        {
            return null;
        }
        using var session = await OpenAsync(bridge, cancellationToken);
        try
        {
            var publisher = new TablePublisher(session.Client, session.Connection, publisherOptions.Value);
            var definitions = tables.Select(shape => new TableDefinition(shape.Name,
                [.. shape.Columns.Select(column => new TableColumn(column.Name, column.TargetType))], shape.KeyColumn, shape.UpdatedAtColumn)).ToList();
            var share = await publisher.ShareAsync(bridge.ShareName, definitions, bridge.ConsumerAccount, cancellationToken);
            return new BridgeShareState(share.Name, share.Accounts, share.Grants);
        }
        catch (SnowflakeException failure)
        {
            throw Translate(failure);
        }
    }

    public void Dispose() => http.Dispose();

    private static readonly SnowflakeLogin Placeholder = new("placeholder", "placeholder", null, null, "-----BEGIN PRIVATE KEY-----", null);

    private static BridgeTargetException Translate(SnowflakeException failure) => new(failure.Kind switch
    {
        SnowflakeFailureKind.Credential => SyncFailureKind.Credential,
        SnowflakeFailureKind.Statement or SnowflakeFailureKind.Protocol => SyncFailureKind.Target,
        SnowflakeFailureKind.Transient or SnowflakeFailureKind.Timeout => SyncFailureKind.Transient,
        SnowflakeFailureKind.ShrinkGuard => SyncFailureKind.ShrinkGuard,
        _ => SyncFailureKind.Table,
    }, failure.Message, failure);

    private async Task<Session> OpenAsync(Bridge bridge, CancellationToken cancellationToken)
    {
        if (bridge.CredentialId is not { } credentialId || await logins.FindAsync(credentialId, cancellationToken) is not { } login)
        {
            throw new BridgeTargetException(SyncFailureKind.Credential, $"Bridge '{bridge.Name}' has no snowflake credential any more; point it at one.");
        }
        var connection = login.For(bridge.Database ?? "", bridge.Schema ?? "");
        try
        {
            var client = new SnowflakeClient(http, connection, options.Value, clock, loggers?.CreateLogger<SnowflakeClient>() ?? NullLogger<SnowflakeClient>.Instance);
            if (login.Stage?.Problems() is { Count: > 0 } stageProblems)
            {
                client.Dispose();
                throw new BridgeTargetException(SyncFailureKind.Credential, "The credential's stage: " + string.Join(" ", stageProblems));
            }
            return new Session(client, connection, login.Stage);
        }
        catch (SnowflakeException failure)
        {
            throw Translate(failure);
        }
        catch (ArgumentException failure)
        {
            // The settings' problems, each naming the setting; never the key.
            throw new BridgeTargetException(SyncFailureKind.Credential, failure.Message, failure);
        }
    }

    private sealed record Session(SnowflakeClient Client, SnowflakeConnection Connection, StageLocation? Stage = null) : IDisposable
    {
        public void Dispose() => Client.Dispose();
    }
}
