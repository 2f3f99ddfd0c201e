using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Herald.Core.Bridges;
using Herald.Core.Ports;

namespace Herald.Storage.Sqlite;

/// <summary>Bridges and their syncs in SQLite (migration 10): each a JSON document, with the columns SQL compares beside it.</summary>
public sealed class SqliteBridgeStore(SqliteDatabase database) : IBridgeStore
{
    private static readonly JsonSerializerOptions DocumentJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly string UnfinishedStates = string.Join(", ",
        new[] { BridgeSyncState.Queued, BridgeSyncState.Building, BridgeSyncState.Loading, BridgeSyncState.Sharing }.Select(s => $"'{WireName(s)}'"));

    public async Task<IReadOnlyList<Bridge>> ListBridgesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var documents = await connection.QueryAsync<string>("SELECT document FROM bridges ORDER BY name");
        return [.. documents.Select(ToBridge)];
    }

    public async Task<Bridge?> FindBridgeAsync(string nameOrId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var key = Guid.TryParse(nameOrId, out var id) ? id.ToString() : nameOrId;
        var document = await connection.QuerySingleOrDefaultAsync<string?>(
            "SELECT document FROM bridges WHERE name = @key OR id = @key", new { key });
        return document is null ? null : ToBridge(document);
    }

    public async Task SaveBridgeAsync(Bridge bridge, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(
            """
            INSERT INTO bridges (id, name, target, credential_id, document, created_at, updated_at)
            VALUES (@Id, @Name, @Target, @CredentialId, @Document, @CreatedAt, @UpdatedAt)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, target = excluded.target, credential_id = excluded.credential_id,
                document = excluded.document, updated_at = excluded.updated_at
            """,
            new
            {
                Id = bridge.Id.ToString(), bridge.Name, Target = bridge.Target.ToString().ToLowerInvariant(), CredentialId = bridge.CredentialId?.ToString(),
                Document = JsonSerializer.Serialize(bridge, DocumentJson), CreatedAt = UnixTime.Ms(bridge.CreatedAt), UpdatedAt = UnixTime.Ms(bridge.UpdatedAt),
            });
    }

    public async Task DeleteBridgeAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync("DELETE FROM bridges WHERE id = @id", new { id = id.ToString() });
    }

    public async Task CreateSyncAsync(BridgeSync sync, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(
            """
            INSERT INTO bridge_syncs (id, bridge_id, state, created_at, version, document)
            VALUES (@Id, @BridgeId, @State, @CreatedAt, 1, @Document)
            """,
            new
            {
                Id = sync.Id.ToString(), BridgeId = sync.BridgeId.ToString(), State = WireName(sync.State), CreatedAt = UnixTime.Ms(sync.CreatedAt),
                Document = JsonSerializer.Serialize(sync.ToSnapshot() with { Version = 1 }, DocumentJson),
            });
        sync.MarkSaved(1);
    }

    public async Task<BridgeSync?> GetSyncAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SyncRow>(
            "SELECT document AS Document, version AS Version FROM bridge_syncs WHERE id = @id", new { id = id.ToString() });
        return row is null ? null : ToSync(row);
    }

    public async Task<bool> TrySaveSyncAsync(BridgeSync sync, CancellationToken cancellationToken)
    {
        var next = sync.Version + 1;
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        var updated = await write.Connection.ExecuteAsync(
            "UPDATE bridge_syncs SET state = @State, version = @Next, document = @Document WHERE id = @Id AND version = @Version",
            new
            {
                Id = sync.Id.ToString(), State = WireName(sync.State), Next = next, sync.Version,
                Document = JsonSerializer.Serialize(sync.ToSnapshot() with { Version = next }, DocumentJson),
            });
        if (updated == 1)
        {
            sync.MarkSaved(next);
        }
        return updated == 1;
    }

    public async Task<IReadOnlyList<BridgeSync>> ListSyncsAsync(Guid? bridgeId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SyncRow>(
            "SELECT document AS Document, version AS Version FROM bridge_syncs WHERE @BridgeId IS NULL OR bridge_id = @BridgeId ORDER BY seq DESC LIMIT @Limit",
            new { BridgeId = bridgeId?.ToString(), Limit = Math.Clamp(limit, 1, 1000) });
        return [.. rows.Select(ToSync)];
    }

    public async Task<BridgeSync?> TryClaimNextSyncAsync(string worker, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        string? id;
        await using (var write = await database.OpenForWriteAsync(cancellationToken))
        {
            id = await write.Connection.QuerySingleOrDefaultAsync<string?>(
                $"""
                UPDATE bridge_syncs SET lease_owner = @Worker, lease_expires_at = @Until
                WHERE seq = (
                    SELECT s.seq FROM bridge_syncs s
                    WHERE s.state IN ({UnfinishedStates})
                      AND (s.lease_expires_at IS NULL OR s.lease_expires_at < @Now)
                      AND NOT EXISTS (
                          SELECT 1 FROM bridge_syncs earlier
                          WHERE earlier.bridge_id = s.bridge_id AND earlier.seq < s.seq AND earlier.state IN ({UnfinishedStates}))
                    ORDER BY s.seq LIMIT 1)
                RETURNING id
                """,
                new { Worker = worker, Now = UnixTime.Ms(now), Until = UnixTime.Ms(now + lease) });
        }
        return id is null ? null : await GetSyncAsync(Guid.Parse(id), cancellationToken);
    }

    public async Task<bool> RenewSyncLeaseAsync(Guid syncId, string worker, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        var updated = await write.Connection.ExecuteAsync(
            $"UPDATE bridge_syncs SET lease_expires_at = @Until WHERE id = @Id AND lease_owner = @Worker AND state IN ({UnfinishedStates})",
            new { Id = syncId.ToString(), Worker = worker, Until = UnixTime.Ms(now + lease) });
        return updated == 1;
    }

    public async Task ReleaseSyncLeaseAsync(Guid syncId, string worker, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(
            "UPDATE bridge_syncs SET lease_owner = NULL, lease_expires_at = NULL WHERE id = @Id AND lease_owner = @Worker",
            new { Id = syncId.ToString(), Worker = worker });
    }

    private static string WireName(BridgeSyncState state) => state.ToString().ToLowerInvariant();

    private static Bridge ToBridge(string document) =>
        JsonSerializer.Deserialize<Bridge>(document, DocumentJson) ?? throw new InvalidDataException("A stored bridge is empty.");

    private static BridgeSync ToSync(SyncRow row) =>
        new((JsonSerializer.Deserialize<BridgeSyncSnapshot>(row.Document, DocumentJson) ?? throw new InvalidDataException("A stored sync is empty.")) with { Version = row.Version });

    private sealed record SyncRow(string Document, long Version);
}
